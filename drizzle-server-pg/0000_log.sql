CREATE TABLE "commands" (
	"actor_id" text NOT NULL,
	"command_id" text NOT NULL,
	"seq" bigint,
	"reply" text NOT NULL,
	"decided_at" bigint NOT NULL,
	CONSTRAINT "commands_actor_id_command_id_pk" PRIMARY KEY("actor_id","command_id")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"type" text NOT NULL,
	"payload" text NOT NULL,
	"actor_id" text NOT NULL,
	"role" text NOT NULL,
	"workstation_id" text,
	"server_time" bigint NOT NULL,
	"issued_at" bigint,
	"command_id" text,
	"version" integer NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"town_id" text NOT NULL,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"reported_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"last_seq" bigint NOT NULL,
	"data" text NOT NULL,
	CONSTRAINT "incidents_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "layouts" (
	"actor_id" text PRIMARY KEY NOT NULL,
	"layout" text NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "log_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "log_head_one_row" CHECK ("log_head"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "commands_seq_idx" ON "commands" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "events_incident_idx" ON "events" USING btree ("incident_id","seq");--> statement-breakpoint
CREATE INDEX "incidents_category_idx" ON "incidents" USING btree ("category","reported_at");--> statement-breakpoint
CREATE INDEX "incidents_reported_idx" ON "incidents" USING btree ("reported_at");