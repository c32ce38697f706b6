-- CreateTable
CREATE TABLE "ContactScore" (
    "contactId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "segment" TEXT NOT NULL,
    "segments" TEXT NOT NULL,
    "reasons" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContactScore_pkey" PRIMARY KEY ("contactId")
);

-- CreateTable
CREATE TABLE "GrowthOffer" (
    "id" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sourceBookingUid" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "eventTypeId" INTEGER NOT NULL,
    "slots" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "convertedBookingUid" TEXT,
    "convertedAt" TIMESTAMP(3),

    CONSTRAINT "GrowthOffer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactReferral" (
    "contactId" TEXT NOT NULL,
    "sourceId" TEXT,
    "sourceType" TEXT,
    "sourceUrl" TEXT,
    "headline" TEXT,
    "ctwaClid" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContactReferral_pkey" PRIMARY KEY ("contactId")
);

-- CreateIndex
CREATE INDEX "ContactScore_segment_score_idx" ON "ContactScore"("segment", "score");

-- CreateIndex
CREATE INDEX "ContactScore_score_idx" ON "ContactScore"("score");

-- CreateIndex
CREATE INDEX "GrowthOffer_contactId_sentAt_idx" ON "GrowthOffer"("contactId", "sentAt");

-- CreateIndex
CREATE INDEX "GrowthOffer_kind_sentAt_idx" ON "GrowthOffer"("kind", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "GrowthOffer_kind_sourceBookingUid_key" ON "GrowthOffer"("kind", "sourceBookingUid");

-- CreateIndex
CREATE INDEX "ContactReferral_sourceId_idx" ON "ContactReferral"("sourceId");

