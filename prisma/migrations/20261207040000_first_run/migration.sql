-- First run without demo data: the demo service is marked (every page of it says so), and a
-- password someone else chose (the setup command's one-time password, or a manager's reset) must
-- be replaced by the person before anything else.
ALTER TABLE "Service" ADD COLUMN "demo" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "User" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
