-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "marketingAskedAt" TIMESTAMP(3);
