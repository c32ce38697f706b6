-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN     "tappedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "InsightDirty" (
    "seq" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InsightDirty_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "InsightMark" (
    "name" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InsightMark_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "InsightMessageDay" (
    "day" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "failCode" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "sent" INTEGER NOT NULL,
    "delivered" INTEGER NOT NULL,
    "read" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "interactiveDelivered" INTEGER NOT NULL,
    "clicked" INTEGER NOT NULL,

    CONSTRAINT "InsightMessageDay_pkey" PRIMARY KEY ("day","purpose","template","failCode","language")
);

-- CreateTable
CREATE TABLE "InsightBookingDay" (
    "day" TEXT NOT NULL,
    "eventTypeId" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "bookings" INTEGER NOT NULL,
    "cancelled" INTEGER NOT NULL,
    "ended" INTEGER NOT NULL,
    "noShows" INTEGER NOT NULL,

    CONSTRAINT "InsightBookingDay_pkey" PRIMARY KEY ("day","eventTypeId","path","language")
);

-- CreateTable
CREATE TABLE "InsightAppointmentDay" (
    "day" TEXT NOT NULL,
    "appointments" INTEGER NOT NULL,

    CONSTRAINT "InsightAppointmentDay_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "InsightStepDay" (
    "day" TEXT NOT NULL,
    "fromState" TEXT NOT NULL,
    "toState" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "misunderstood" INTEGER NOT NULL,

    CONSTRAINT "InsightStepDay_pkey" PRIMARY KEY ("day","fromState","toState","event")
);

-- CreateIndex
CREATE INDEX "Booking_createdAt_idx" ON "Booking"("createdAt");

-- CreateIndex
CREATE INDEX "Booking_end_idx" ON "Booking"("end");


-- Insights (issue 15): the message's kind, booking and template were copied from its body by the
-- insights refresh; from now on src/engine/outbound.ts stores them with the message. Rows from before:
UPDATE "OutboundMessage" SET
  "purpose" = COALESCE((CASE WHEN "body" LIKE '{%' THEN ("body")::jsonb #>> '{meta,purpose}' END), 'other'),
  "bookingUid" = (CASE WHEN "body" LIKE '{%' THEN ("body")::jsonb #>> '{meta,bookingUid}' END),
  "template" = CASE WHEN "kind" = 'template' AND "body" LIKE '{%' THEN ("body")::jsonb #>> '{name}' END
WHERE "purpose" IS NULL;
-- …and when each was first answered (click-through reads this column instead of joining the taps):
UPDATE "OutboundMessage" SET "tappedAt" = (SELECT t."at" FROM "MessageTap" t WHERE t."waMessageId" = "OutboundMessage"."waMessageId")
WHERE "waMessageId" IN (SELECT "waMessageId" FROM "MessageTap");

-- Insights rollups: every insert or update that can change a figure marks the time whose business day
-- the refresh recomputes (src/insights/rollups.ts). A message marks its booking's day only when what the
-- reminder path reads changed (sent or not, failed or not, when, answered, for which booking). A tap
-- reaches the rollups as the update of its message's "tappedAt".
-- Deletions (retention, erasure) are not marked: the rollups keep the aggregated figures.
CREATE FUNCTION "insight_dirty_message"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "InsightDirty" ("source", "at") VALUES ('message', COALESCE(NEW."sentAt", NEW."createdAt"));
  IF TG_OP = 'UPDATE' THEN
    IF COALESCE(OLD."sentAt", OLD."createdAt") IS DISTINCT FROM COALESCE(NEW."sentAt", NEW."createdAt") THEN
      INSERT INTO "InsightDirty" ("source", "at") VALUES ('message', COALESCE(OLD."sentAt", OLD."createdAt"));
    END IF;
    IF NEW."waMessageId" IS NOT DISTINCT FROM OLD."waMessageId"
       AND (NEW."status" = 'failed') IS NOT DISTINCT FROM (OLD."status" = 'failed')
       AND NEW."sentAt" IS NOT DISTINCT FROM OLD."sentAt" AND NEW."purpose" IS NOT DISTINCT FROM OLD."purpose"
       AND NEW."bookingUid" IS NOT DISTINCT FROM OLD."bookingUid"
       AND NEW."tappedAt" IS NOT DISTINCT FROM OLD."tappedAt" THEN
      RETURN NULL;
    END IF;
    IF OLD."bookingUid" IS DISTINCT FROM NEW."bookingUid" AND OLD."bookingUid" IS NOT NULL THEN
      INSERT INTO "InsightDirty" ("source", "at")
        SELECT 'booking', b."createdAt" FROM "Booking" b WHERE b."uid" = OLD."bookingUid";
    END IF;
  END IF;
  IF NEW."bookingUid" IS NOT NULL THEN
    INSERT INTO "InsightDirty" ("source", "at")
      SELECT 'booking', b."createdAt" FROM "Booking" b WHERE b."uid" = NEW."bookingUid";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "InsightDirty_message" AFTER INSERT OR UPDATE OF "waMessageId", "status", "errorCode", "sentAt",
  "deliveredAt", "readAt", "purpose", "bookingUid", "template", "tappedAt" ON "OutboundMessage"
  FOR EACH ROW EXECUTE FUNCTION "insight_dirty_message"();

CREATE FUNCTION "insight_dirty_booking"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "InsightDirty" ("source", "at") VALUES ('booking', NEW."createdAt"), ('appointment', NEW."start");
  IF TG_OP = 'UPDATE' AND OLD."start" IS DISTINCT FROM NEW."start" THEN
    INSERT INTO "InsightDirty" ("source", "at") VALUES ('appointment', OLD."start");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "InsightDirty_booking" AFTER INSERT OR UPDATE OF "eventTypeId", "start", "end", "status",
  "attendeeConfirmedAt", "noShow", "createdAt" ON "Booking"
  FOR EACH ROW EXECUTE FUNCTION "insight_dirty_booking"();


CREATE FUNCTION "insight_dirty_step"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "InsightDirty" ("source", "at") VALUES ('step', NEW."at");
  RETURN NULL;
END $$;
CREATE TRIGGER "InsightDirty_step" AFTER INSERT ON "ConversationStep"
  FOR EACH ROW EXECUTE FUNCTION "insight_dirty_step"();

-- Insights: time to booking reads first bookings (BOOKED steps) by time and by person.
CREATE INDEX "ConversationStep_booked_at_idx" ON "ConversationStep"("at") WHERE "event" = 'BOOKED';
CREATE INDEX "ConversationStep_booked_contact_idx" ON "ConversationStep"("contactId", "at") WHERE "event" = 'BOOKED';
