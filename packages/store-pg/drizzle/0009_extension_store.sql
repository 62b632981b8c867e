CREATE TABLE "ext_catalog" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"manifest" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ext_installations" (
	"org_id" text NOT NULL,
	"project_key" text NOT NULL,
	"extension_id" text NOT NULL,
	"product_id" text,
	"enabled" boolean DEFAULT false NOT NULL,
	"enabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "ext_installations_org_id_project_key_extension_id_pk" PRIMARY KEY("org_id","project_key","extension_id")
);
--> statement-breakpoint
CREATE TABLE "ext_product_installations" (
	"org_id" text NOT NULL,
	"product_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "ext_product_installations_org_id_product_id_pk" PRIMARY KEY("org_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "ext_projects" (
	"org_id" text NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "ext_projects_org_id_key_pk" PRIMARY KEY("org_id","key")
);
--> statement-breakpoint
ALTER TABLE "ext_installations" ADD CONSTRAINT "ext_installations_project_fk" FOREIGN KEY ("org_id","project_key") REFERENCES "public"."ext_projects"("org_id","key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ext_installations" ADD CONSTRAINT "ext_installations_extension_fk" FOREIGN KEY ("extension_id") REFERENCES "public"."ext_catalog"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ext_installations" ADD CONSTRAINT "ext_installations_product_fk" FOREIGN KEY ("org_id","product_id") REFERENCES "public"."ext_product_installations"("org_id","product_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ext_installations_extension" ON "ext_installations" USING btree ("extension_id");