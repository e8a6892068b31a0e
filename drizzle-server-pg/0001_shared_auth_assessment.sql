CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"towns" text NOT NULL,
	"unit" text,
	"password_hash" text NOT NULL,
	"disabled" integer DEFAULT 0 NOT NULL,
	"demo" integer DEFAULT 0 NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" bigint,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"last_sign_in_at" bigint
);
--> statement-breakpoint
CREATE TABLE "auth_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" bigint NOT NULL,
	"kind" text NOT NULL,
	"account_id" text,
	"workstation_id" text,
	"session_id" text,
	"address" text,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "seat_grants" (
	"account_id" text NOT NULL,
	"workstation_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"issued_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	CONSTRAINT "seat_grants_account_id_workstation_id_pk" PRIMARY KEY("account_id","workstation_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"workstation_id" text NOT NULL,
	"access_hash" text NOT NULL,
	"access_expires_at" bigint NOT NULL,
	"refresh_hash" text NOT NULL,
	"refresh_expires_at" bigint NOT NULL,
	"method" text NOT NULL,
	"created_at" bigint NOT NULL,
	"refreshed_at" bigint NOT NULL,
	"ended_at" bigint,
	"end_reason" text
);
--> statement-breakpoint
CREATE TABLE "workstations" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"secret_hash" text,
	"enrol_code_hash" text,
	"enrol_code_expires_at" bigint,
	"enrolled_at" bigint,
	"revoked_at" bigint,
	"created_at" bigint NOT NULL,
	"last_seen_at" bigint
);
--> statement-breakpoint
CREATE TABLE "assessment_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"period_kind" text NOT NULL,
	"period_label" text NOT NULL,
	"period_from" bigint NOT NULL,
	"period_to" bigint NOT NULL,
	"scope" text NOT NULL,
	"version" integer NOT NULL,
	"previous_id" bigint,
	"rule_set_revision" integer NOT NULL,
	"rule_set_version" text NOT NULL,
	"seq" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"evaluated_at" bigint NOT NULL,
	"generated_at" bigint NOT NULL,
	"author_id" text NOT NULL,
	"reason" text NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_set_activations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"revision" integer NOT NULL,
	"actor_id" text NOT NULL,
	"activated_at" bigint NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_sets" (
	"revision" integer PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"name" text NOT NULL,
	"rules" text NOT NULL,
	"author_id" text NOT NULL,
	"author_name" text NOT NULL,
	"created_at" bigint NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "auth_audit_at_idx" ON "auth_audit" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "seat_grants_token_idx" ON "seat_grants" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_access_idx" ON "sessions" USING btree ("access_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_refresh_idx" ON "sessions" USING btree ("refresh_hash");--> statement-breakpoint
CREATE INDEX "sessions_account_idx" ON "sessions" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workstations_code_idx" ON "workstations" USING btree ("enrol_code_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_reports_version_idx" ON "assessment_reports" USING btree ("period_kind","period_label","scope","version");--> statement-breakpoint
CREATE INDEX "assessment_reports_generated_idx" ON "assessment_reports" USING btree ("generated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_sets_version_idx" ON "rule_sets" USING btree ("version");