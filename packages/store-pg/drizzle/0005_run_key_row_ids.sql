ALTER TABLE "run_ephemeral_keys" ADD COLUMN "id" bigserial NOT NULL;--> statement-breakpoint
ALTER TABLE "run_ephemeral_keys" ADD CONSTRAINT "run_ephemeral_keys_id_unique" UNIQUE("id");