-- Issue 10 (realism): Cal.com operations ledger (echo recognition), booking location, WhatsApp delivery fallbacks.
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN "location" TEXT;

-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN "fallback" TEXT,
ADD COLUMN "uncertain" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "resendOf" TEXT;

-- CreateTable
CREATE TABLE "CalOperation" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "uid" TEXT,
    "contactId" TEXT NOT NULL,
    "start" TEXT,
    "resultUid" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalOperation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CalOperation_uid_idx" ON "CalOperation"("uid");

-- CreateIndex
CREATE INDEX "CalOperation_resultUid_idx" ON "CalOperation"("resultUid");

-- CreateIndex
CREATE INDEX "CalOperation_contactId_createdAt_idx" ON "CalOperation"("contactId", "createdAt");
