CREATE TABLE "environment_scope_bindings" (
	"environment_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"scope" text NOT NULL,
	CONSTRAINT "environment_scope_bindings_environment_id_position_pk" PRIMARY KEY("environment_id","position")
);
--> statement-breakpoint
CREATE TABLE "environments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"name" text NOT NULL,
	"branch_patterns" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"trigger_types" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"repository_patterns" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"allow_forks" boolean DEFAULT false NOT NULL,
	"allow_local_execution" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_ephemeral_keys" (
	"run_id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"public_key" "bytea" NOT NULL,
	"private_key_ciphertext" "bytea" NOT NULL,
	"key_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "variables" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "environment_scope_bindings" ADD CONSTRAINT "environment_scope_bindings_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "environment_scope_bindings_scope" ON "environment_scope_bindings" USING btree ("environment_id","scope");--> statement-breakpoint
CREATE INDEX "environment_scope_bindings_by_scope" ON "environment_scope_bindings" USING btree ("scope");--> statement-breakpoint
CREATE UNIQUE INDEX "environments_org_name" ON "environments" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "variables_org_scope_key" ON "variables" USING btree ("org_id","scope","key");