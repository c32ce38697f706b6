-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN     "bookingUid" TEXT,
ADD COLUMN     "purpose" TEXT,
ADD COLUMN     "template" TEXT;

-- CreateTable
CREATE TABLE "ConversationStep" (
    "id" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "fromState" TEXT NOT NULL,
    "toState" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "intent" TEXT,
    "text" TEXT,

    CONSTRAINT "ConversationStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageTap" (
    "waMessageId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "inboxSeq" INTEGER NOT NULL,

    CONSTRAINT "MessageTap_pkey" PRIMARY KEY ("waMessageId")
);

-- CreateTable
CREATE TABLE "InsightWatermark" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "InsightWatermark_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "ConversationStep_at_idx" ON "ConversationStep"("at");

-- CreateIndex
CREATE INDEX "ConversationStep_contactId_at_idx" ON "ConversationStep"("contactId", "at");

-- CreateIndex
CREATE INDEX "ConversationStep_intent_at_idx" ON "ConversationStep"("intent", "at");

-- CreateIndex
CREATE INDEX "OutboundMessage_createdAt_purpose_idx" ON "OutboundMessage"("createdAt", "purpose");

-- CreateIndex
CREATE INDEX "OutboundMessage_bookingUid_idx" ON "OutboundMessage"("bookingUid");

-- CreateIndex
CREATE INDEX "Booking_start_idx" ON "Booking"("start");


-- Insights refresh: messages not yet classified (partial index).
CREATE INDEX "OutboundMessage_unclassified_idx" ON "OutboundMessage"("createdAt") WHERE "purpose" IS NULL;
-- Insights: messages by when they went out (WhatsApp acceptance, or the attempt).
CREATE INDEX "OutboundMessage_sentOrCreated_idx" ON "OutboundMessage"((COALESCE("sentAt", "createdAt")), "purpose");
-- Insights: misunderstood messages (with their text) by time.
CREATE INDEX "ConversationStep_misunderstood_idx" ON "ConversationStep"("at") WHERE "text" IS NOT NULL;
-- Insights: failures by error code (a few % of the messages).
CREATE INDEX "OutboundMessage_failed_idx" ON "OutboundMessage"((COALESCE("sentAt", "createdAt")), "errorCode") WHERE "status" = 'failed';
