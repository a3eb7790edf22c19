from django.db import migrations

FORBID = """
CREATE OR REPLACE FUNCTION zt_audit_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER zt_audit_event_append_only
    BEFORE UPDATE OR DELETE ON platform_core_auditevent
    FOR EACH ROW EXECUTE FUNCTION zt_audit_event_append_only();
"""

ALLOW = """
DROP TRIGGER IF EXISTS zt_audit_event_append_only ON platform_core_auditevent;
DROP FUNCTION IF EXISTS zt_audit_event_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("platform_core", "0001_initial")]

    operations = [migrations.RunSQL(FORBID, ALLOW)]
