-- CreateTable
CREATE TABLE "Handoff" (
    "id" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "endedBy" TEXT,
    "chatwootConversationId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Handoff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatwootContact" (
    "contactId" TEXT NOT NULL,
    "chatwootId" INTEGER NOT NULL,
    "sourceId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatwootContact_pkey" PRIMARY KEY ("contactId")
);

-- CreateTable
CREATE TABLE "ChatwootMessage" (
    "key" TEXT NOT NULL,
    "handoffId" TEXT,
    "chatwootMessageId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatwootMessage_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "Handoff_contactId_startedAt_idx" ON "Handoff"("contactId", "startedAt");

-- CreateIndex
CREATE INDEX "Handoff_endedAt_startedAt_idx" ON "Handoff"("endedAt", "startedAt");

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatwootContact" ADD CONSTRAINT "ChatwootContact_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

