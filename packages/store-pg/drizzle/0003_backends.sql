CREATE TABLE "backends" (
	"name" text PRIMARY KEY NOT NULL,
	"id" bigserial NOT NULL,
	"type" text NOT NULL,
	"source" text DEFAULT 'api' NOT NULL,
	"config_ciphertext" "bytea",
	"key_version" integer DEFAULT 0 NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"scope_patterns" jsonb DEFAULT '["**"]'::jsonb NOT NULL,
	"sync_interval_seconds" integer DEFAULT 300 NOT NULL,
	"next_sync_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sync_at" timestamp with time zone,
	"last_sync_status" text,
	"last_sync_message" text,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "backends_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "discovered_scopes" (
	"backend" text NOT NULL,
	"path" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discovered_scopes_backend_path_pk" PRIMARY KEY("backend","path")
);
--> statement-breakpoint
ALTER TABLE "discovered_scopes" ADD CONSTRAINT "discovered_scopes_backend_backends_name_fk" FOREIGN KEY ("backend") REFERENCES "public"."backends"("name") ON DELETE cascade ON UPDATE no action;