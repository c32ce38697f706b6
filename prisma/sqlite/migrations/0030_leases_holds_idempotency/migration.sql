-- AlterTable
ALTER TABLE "InboxMessage" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'message';

-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN "idempotencyKey" TEXT;

-- CreateTable
CREATE TABLE "PersonLease" (
    "phone" TEXT NOT NULL PRIMARY KEY,
    "owner" TEXT NOT NULL,
    "untilMs" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "SlotHold" (
    "reservationUid" TEXT NOT NULL PRIMARY KEY,
    "contactId" TEXT NOT NULL,
    "start" TEXT NOT NULL,
    "untilMs" BIGINT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "SlotHold_contactId_idx" ON "SlotHold"("contactId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMessage_idempotencyKey_key" ON "OutboundMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "OutboxEffect_contactId_status_seq_idx" ON "OutboxEffect"("contactId", "status", "seq");
