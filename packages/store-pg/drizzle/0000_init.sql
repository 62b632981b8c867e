CREATE TABLE "admin_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"role" text NOT NULL,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone DEFAULT clock_timestamp() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"org_id" text,
	"context_name" text,
	"routing_key" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "config_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"ciphertext" "bytea" NOT NULL,
	"key_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scoped_secrets" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"ciphertext" "bytea" NOT NULL,
	"key_version" integer NOT NULL,
	"backend_type" text DEFAULT 'pg' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"rotation_count" integer DEFAULT 0 NOT NULL,
	"last_rotated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "admin_tokens_hash" ON "admin_tokens" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "audit_log_at" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_action" ON "audit_log" USING btree ("action");--> statement-breakpoint
CREATE INDEX "audit_log_context_name" ON "audit_log" USING btree ("context_name");--> statement-breakpoint
CREATE UNIQUE INDEX "config_versions_key_version" ON "config_versions" USING btree ("key","version");--> statement-breakpoint
CREATE INDEX "config_versions_master_key_version" ON "config_versions" USING btree ("key_version");--> statement-breakpoint
CREATE UNIQUE INDEX "scoped_secrets_org_scope_key" ON "scoped_secrets" USING btree ("org_id","scope","key");--> statement-breakpoint
CREATE INDEX "scoped_secrets_key_version" ON "scoped_secrets" USING btree ("key_version");