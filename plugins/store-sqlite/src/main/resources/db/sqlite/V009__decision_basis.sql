-- What an approval decision is based on beyond the request itself: the workspace's settings, its members and
-- their roles, its custom roles, its rules script and the identity of its members. Every change to any of them
-- counts up the workspace's config_version, so a decision taken on a snapshot can tell, in one read, whether
-- it still holds when it is written (docs/architecture.md#deciding-outside-the-write-lock). Triggers do it, so
-- no write path can forget to.
ALTER TABLE workspaces ADD COLUMN config_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER workspaces_settings_changed AFTER UPDATE OF settings ON workspaces
BEGIN
    UPDATE workspaces SET config_version = config_version + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER members_added AFTER INSERT ON members
BEGIN
    UPDATE workspaces SET config_version = config_version + 1 WHERE id = NEW.workspace_id;
END;
CREATE TRIGGER members_changed AFTER UPDATE ON members
BEGIN
    UPDATE workspaces SET config_version = config_version + 1 WHERE id IN (OLD.workspace_id, NEW.workspace_id);
END;
CREATE TRIGGER members_removed AFTER DELETE ON members
BEGIN
    UPDATE workspaces SET config_version = config_version + 1 WHERE id = OLD.workspace_id;
END;

CREATE TRIGGER roles_added AFTER INSERT ON roles
BEGIN
    UPDATE workspaces SET config_version = config_version + 1 WHERE id = NEW.workspace_id;
END;
CREATE TRIGGER roles_changed AFTER UPDATE ON roles
BEGIN
    UPDATE workspaces SET config_version = config_version + 1 WHERE id IN (OLD.workspace_id, NEW.workspace_id);
END;
CREATE TRIGGER roles_removed AFTER DELETE ON roles
BEGIN
    UPDATE workspaces SET config_version = config_version + 1 WHERE id = OLD.workspace_id;
END;

CREATE TRIGGER rule_scripts_added AFTER INSERT ON rule_scripts
BEGIN
    UPDATE workspaces SET config_version = config_version + 1 WHERE id = NEW.workspace_id;
END;
CREATE TRIGGER rule_scripts_changed AFTER UPDATE ON rule_scripts
BEGIN
    UPDATE workspaces SET config_version = config_version + 1 WHERE id IN (OLD.workspace_id, NEW.workspace_id);
END;
CREATE TRIGGER rule_scripts_removed AFTER DELETE ON rule_scripts
BEGIN
    UPDATE workspaces SET config_version = config_version + 1 WHERE id = OLD.workspace_id;
END;

-- rules name people by email, and an instance admin may do more
CREATE TRIGGER users_identity_changed AFTER UPDATE OF email, instance_admin ON users
BEGIN
    UPDATE workspaces SET config_version = config_version + 1
    WHERE id IN (SELECT workspace_id FROM members WHERE user_id = NEW.id);
END;
