-- AlterTable
ALTER TABLE "Contact" ADD COLUMN "marketingAskedAt" DATETIME;
