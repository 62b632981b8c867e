CREATE TABLE "periodic_tasks" (
	"name" text PRIMARY KEY NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"claimed_by" text,
	"claimed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "run_jobs" (
	"run_id" text NOT NULL,
	"job_id" text NOT NULL,
	"position" integer NOT NULL,
	"needs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"dispatched_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"credential_hash" text,
	"credential_expires_at" timestamp with time zone,
	"output_summary" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "run_jobs_run_id_job_id_pk" PRIMARY KEY("run_id","job_id")
);
--> statement-breakpoint
CREATE TABLE "run_secret_outputs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"run_id" text NOT NULL,
	"job_id" text NOT NULL,
	"key" text NOT NULL,
	"ciphertext" "bytea" NOT NULL,
	"key_version" integer NOT NULL,
	"bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"run_id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "run_jobs" ADD CONSTRAINT "run_jobs_run_id_runs_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("run_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_secret_outputs" ADD CONSTRAINT "run_secret_outputs_job_fk" FOREIGN KEY ("run_id","job_id") REFERENCES "public"."run_jobs"("run_id","job_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "run_jobs_credential_hash" ON "run_jobs" USING btree ("credential_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "run_secret_outputs_run_job_key" ON "run_secret_outputs" USING btree ("run_id","job_id","key");--> statement-breakpoint
CREATE INDEX "run_secret_outputs_created_at" ON "run_secret_outputs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "run_secret_outputs_key_version" ON "run_secret_outputs" USING btree ("key_version");--> statement-breakpoint
CREATE INDEX "runs_created_at" ON "runs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "runs_org_created_at" ON "runs" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "runs_state_created_at" ON "runs" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "run_ephemeral_keys_created_at" ON "run_ephemeral_keys" USING btree ("created_at");