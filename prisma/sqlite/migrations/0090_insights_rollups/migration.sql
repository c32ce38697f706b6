-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN "tappedAt" DATETIME;

-- CreateTable
CREATE TABLE "InsightDirty" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "InsightMark" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL
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

    PRIMARY KEY ("day", "purpose", "template", "failCode", "language")
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

    PRIMARY KEY ("day", "eventTypeId", "path", "language")
);

-- CreateTable
CREATE TABLE "InsightAppointmentDay" (
    "day" TEXT NOT NULL PRIMARY KEY,
    "appointments" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "InsightStepDay" (
    "day" TEXT NOT NULL,
    "fromState" TEXT NOT NULL,
    "toState" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "misunderstood" INTEGER NOT NULL,

    PRIMARY KEY ("day", "fromState", "toState", "event")
);

-- CreateIndex
CREATE INDEX "Booking_createdAt_idx" ON "Booking"("createdAt");

-- CreateIndex
CREATE INDEX "Booking_end_idx" ON "Booking"("end");


-- Insights (issue 15): the message's kind, booking and template were copied from its body by the
-- insights refresh; from now on src/engine/outbound.ts stores them with the message. Rows from before:
UPDATE "OutboundMessage" SET
  "purpose" = COALESCE((CASE WHEN json_valid("body") THEN json_extract("body", '$.meta.purpose') END), 'other'),
  "bookingUid" = (CASE WHEN json_valid("body") THEN json_extract("body", '$.meta.bookingUid') END),
  "template" = CASE WHEN "kind" = 'template' AND json_valid("body") THEN json_extract("body", '$.name') END
WHERE "purpose" IS NULL;
-- …and when each was first answered (click-through reads this column instead of joining the taps):
UPDATE "OutboundMessage" SET "tappedAt" = (SELECT t."at" FROM "MessageTap" t WHERE t."waMessageId" = "OutboundMessage"."waMessageId")
WHERE "waMessageId" IN (SELECT "waMessageId" FROM "MessageTap");

-- Insights rollups: every insert or update that can change a figure marks the time whose business day
-- the refresh recomputes (src/insights/rollups.ts). A message marks its booking's day only when what the
-- reminder path reads changed (sent or not, failed or not, when, answered, for which booking). A tap
-- reaches the rollups as the update of its message's "tappedAt".
-- Deletions (retention, erasure) are not marked: the rollups keep the aggregated figures.
CREATE TRIGGER "InsightDirty_message_insert" AFTER INSERT ON "OutboundMessage" BEGIN
  INSERT INTO "InsightDirty" ("source", "at") VALUES ('message', COALESCE(NEW."sentAt", NEW."createdAt"));
  INSERT INTO "InsightDirty" ("source", "at")
    SELECT 'booking', b."createdAt" FROM "Booking" b WHERE b."uid" = NEW."bookingUid";
END;
CREATE TRIGGER "InsightDirty_message_update" AFTER UPDATE OF "waMessageId", "status", "errorCode", "sentAt",
  "deliveredAt", "readAt", "purpose", "bookingUid", "template", "tappedAt" ON "OutboundMessage" BEGIN
  INSERT INTO "InsightDirty" ("source", "at") VALUES ('message', COALESCE(NEW."sentAt", NEW."createdAt"));
  INSERT INTO "InsightDirty" ("source", "at") SELECT 'message', COALESCE(OLD."sentAt", OLD."createdAt")
    WHERE COALESCE(OLD."sentAt", OLD."createdAt") <> COALESCE(NEW."sentAt", NEW."createdAt");
  INSERT INTO "InsightDirty" ("source", "at")
    SELECT 'booking', b."createdAt" FROM "Booking" b
    WHERE b."uid" IN (NEW."bookingUid", OLD."bookingUid")
      AND (NEW."waMessageId" IS NOT OLD."waMessageId" OR (NEW."status" = 'failed') IS NOT (OLD."status" = 'failed')
        OR NEW."sentAt" IS NOT OLD."sentAt" OR NEW."purpose" IS NOT OLD."purpose"
        OR NEW."bookingUid" IS NOT OLD."bookingUid" OR NEW."tappedAt" IS NOT OLD."tappedAt");
END;
CREATE TRIGGER "InsightDirty_booking_insert" AFTER INSERT ON "Booking" BEGIN
  INSERT INTO "InsightDirty" ("source", "at") VALUES ('booking', NEW."createdAt"), ('appointment', NEW."start");
END;
CREATE TRIGGER "InsightDirty_booking_update" AFTER UPDATE OF "eventTypeId", "start", "end", "status",
  "attendeeConfirmedAt", "noShow", "createdAt" ON "Booking" BEGIN
  INSERT INTO "InsightDirty" ("source", "at") VALUES ('booking', NEW."createdAt"), ('appointment', NEW."start");
  INSERT INTO "InsightDirty" ("source", "at") SELECT 'appointment', OLD."start" WHERE OLD."start" <> NEW."start";
END;
CREATE TRIGGER "InsightDirty_step_insert" AFTER INSERT ON "ConversationStep" BEGIN
  INSERT INTO "InsightDirty" ("source", "at") VALUES ('step', NEW."at");
END;

-- Insights: time to booking reads first bookings (BOOKED steps) by time and by person.
CREATE INDEX "ConversationStep_booked_at_idx" ON "ConversationStep"("at") WHERE "event" = 'BOOKED';
CREATE INDEX "ConversationStep_booked_contact_idx" ON "ConversationStep"("contactId", "at") WHERE "event" = 'BOOKED';
