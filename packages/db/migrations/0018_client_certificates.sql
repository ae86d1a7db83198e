CREATE TABLE "certificate_authorities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"cert_pem" text NOT NULL,
	"key_sealed" text NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"crl_number" integer DEFAULT 0 NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_authorities_kind_ck" CHECK ("certificate_authorities"."kind" in ('root', 'issuing'))
);
--> statement-breakpoint
CREATE TABLE "client_certificates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"serial" text NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"client_id" uuid NOT NULL,
	"service_name" text,
	"subject" text NOT NULL,
	"cert_pem" text NOT NULL,
	"issuer_id" uuid NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"renews_id" uuid,
	"reminders_sent" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_certificates_kind_ck" CHECK ("client_certificates"."kind" in ('user', 'service')),
	CONSTRAINT "client_certificates_status_ck" CHECK ("client_certificates"."status" in ('active', 'revoked')),
	CONSTRAINT "client_certificates_owner_ck" CHECK (("client_certificates"."kind" = 'user' and "client_certificates"."user_id" is not null) or ("client_certificates"."kind" = 'service' and "client_certificates"."service_name" is not null))
);
--> statement-breakpoint
ALTER TABLE "client_certificates" ADD CONSTRAINT "client_certificates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_certificates" ADD CONSTRAINT "client_certificates_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_certificates" ADD CONSTRAINT "client_certificates_issuer_id_certificate_authorities_id_fk" FOREIGN KEY ("issuer_id") REFERENCES "public"."certificate_authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_certificates" ADD CONSTRAINT "client_certificates_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "client_certificates_serial_uq" ON "client_certificates" USING btree ("serial");--> statement-breakpoint
CREATE INDEX "client_certificates_user_idx" ON "client_certificates" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "client_certificates_client_idx" ON "client_certificates" USING btree ("client_id","not_after");--> statement-breakpoint
CREATE INDEX "client_certificates_expiry_idx" ON "client_certificates" USING btree ("not_after") WHERE "client_certificates"."status" = 'active';