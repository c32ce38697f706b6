-- Issue 10 (realism): Cal.com operations ledger (echo recognition), booking location, WhatsApp delivery fallbacks.
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN "location" TEXT;

-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN "fallback" TEXT;
ALTER TABLE "OutboundMessage" ADD COLUMN "uncertain" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "OutboundMessage" ADD COLUMN "resendOf" TEXT;

-- CreateTable
CREATE TABLE "CalOperation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "uid" TEXT,
    "contactId" TEXT NOT NULL,
    "start" TEXT,
    "resultUid" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "CalOperation_uid_idx" ON "CalOperation"("uid");

-- CreateIndex
CREATE INDEX "CalOperation_resultUid_idx" ON "CalOperation"("resultUid");

-- CreateIndex
CREATE INDEX "CalOperation_contactId_createdAt_idx" ON "CalOperation"("contactId", "createdAt");
