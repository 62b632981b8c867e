CREATE TABLE "ext_access_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"action" text NOT NULL,
	"source" text NOT NULL,
	"actor" text NOT NULL,
	"delivery_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ext_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"project_key" text NOT NULL,
	"extension_id" text NOT NULL,
	"kind" text NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"last_status_code" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ext_delivery_attempts" (
	"delivery_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"latency_ms" integer NOT NULL,
	"status_code" integer,
	"outcome" text NOT NULL,
	"error" text,
	"instance_id" text NOT NULL,
	CONSTRAINT "ext_delivery_attempts_delivery_id_attempt_pk" PRIMARY KEY("delivery_id","attempt")
);
--> statement-breakpoint
CREATE TABLE "ext_read_windows" (
	"org_id" text NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"reads" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ext_read_windows_org_id_scope_key_window_start_pk" PRIMARY KEY("org_id","scope","key","window_start")
);
--> statement-breakpoint
CREATE TABLE "ext_rotation_policies" (
	"org_id" text PRIMARY KEY NOT NULL,
	"max_age_days" integer NOT NULL,
	"remind_days" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"kind" text NOT NULL,
	"priority" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"title" text NOT NULL,
	"details" jsonb NOT NULL,
	"recipients" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"sink_sent_at" timestamp with time zone,
	"sink_attempts" integer DEFAULT 0 NOT NULL,
	"sink_next_at" timestamp with time zone,
	"sink_error" text
);
--> statement-breakpoint
ALTER TABLE "ext_deliveries" ADD CONSTRAINT "ext_deliveries_installation_fk" FOREIGN KEY ("org_id","project_key","extension_id") REFERENCES "public"."ext_installations"("org_id","project_key","extension_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ext_delivery_attempts" ADD CONSTRAINT "ext_delivery_attempts_delivery_id_ext_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."ext_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ext_access_log_org_at_idx" ON "ext_access_log" USING btree ("org_id","at");--> statement-breakpoint
CREATE INDEX "ext_access_log_org_key_idx" ON "ext_access_log" USING btree ("org_id","key","at");--> statement-breakpoint
CREATE INDEX "ext_deliveries_due_idx" ON "ext_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "ext_deliveries_installation_idx" ON "ext_deliveries" USING btree ("org_id","project_key","extension_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_idx" ON "notifications" USING btree ("org_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_org_created_idx" ON "notifications" USING btree ("org_id","created_at");