-- Reports count the cases of a service referred in a period (app/models/reports.server.ts): a range
-- over referredAt within the service, instead of reading every case of the service. No data moves.
-- CreateIndex
CREATE INDEX "Case_serviceId_referredAt_idx" ON "Case"("serviceId", "referredAt");
