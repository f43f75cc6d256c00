/**
 * Versioned schema. `PRAGMA user_version` holds how many entries have been applied; add new entries at the end,
 * never edit an applied one (a database created by an older version must upgrade in place).
 */
export const MIGRATIONS: readonly string[] = [
  /* 1: the Backend API objects, plus clients and handshake nonces for the Frontend API part. */ `
  CREATE TABLE instance (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    id TEXT NOT NULL,
    secret_key TEXT NOT NULL,
    private_key_pem TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    external_id TEXT,
    username TEXT UNIQUE,
    first_name TEXT,
    last_name TEXT,
    password_enabled INTEGER NOT NULL DEFAULT 0,
    public_metadata TEXT NOT NULL DEFAULT '{}',
    private_metadata TEXT NOT NULL DEFAULT '{}',
    unsafe_metadata TEXT NOT NULL DEFAULT '{}',
    primary_email_address_id TEXT,
    primary_phone_number_id TEXT,
    locale TEXT,
    legal_accepted_at INTEGER,
    last_sign_in_at INTEGER,
    last_active_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX users_created_at ON users (created_at);

  CREATE TABLE email_addresses (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email_address TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX email_addresses_user_id ON email_addresses (user_id);

  CREATE TABLE phone_numbers (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    phone_number TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX phone_numbers_user_id ON phone_numbers (user_id);

  CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    public_metadata TEXT NOT NULL DEFAULT '{}',
    private_metadata TEXT NOT NULL DEFAULT '{}',
    max_allowed_memberships INTEGER NOT NULL DEFAULT 0,
    created_by TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE organization_memberships (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    permissions TEXT NOT NULL DEFAULT '[]',
    public_metadata TEXT NOT NULL DEFAULT '{}',
    private_metadata TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (organization_id, user_id)
  );
  CREATE INDEX organization_memberships_user_id ON organization_memberships (user_id);

  CREATE TABLE clients (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    last_active_organization_id TEXT REFERENCES organizations (id) ON DELETE SET NULL,
    last_active_at INTEGER NOT NULL,
    expire_at INTEGER NOT NULL,
    abandon_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX sessions_user_id ON sessions (user_id);
  CREATE INDEX sessions_client_id ON sessions (client_id);

  CREATE TABLE jwt_templates (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    claims TEXT NOT NULL,
    lifetime INTEGER NOT NULL,
    allowed_clock_skew INTEGER NOT NULL,
    signing_algorithm TEXT,
    signing_key TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE handshake_nonces (
    nonce TEXT PRIMARY KEY,
    directives TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  `,
  /*
   * 2: browser clients get a cookie token, the value of the `__client` cookie on the Frontend API origin. It is
   * separate from the id because ids travel in Backend API responses and logs, while the token is a credential.
   */ `
  ALTER TABLE clients ADD COLUMN cookie_token TEXT;
  CREATE UNIQUE INDEX clients_cookie_token ON clients (cookie_token) WHERE cookie_token IS NOT NULL;
  CREATE INDEX handshake_nonces_expires_at ON handshake_nonces (expires_at);
  `,
  /*
   * 3: what ClerkJS needs. Users get a password (a scrypt digest, see services/passwords.ts); a browser client gets
   * sign-in and sign-up attempts, each the state of one form the user is filling in.
   */ `
  ALTER TABLE users ADD COLUMN password_digest TEXT;

  CREATE TABLE sign_ins (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    identifier TEXT,
    user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
    first_factor TEXT,
    created_session_id TEXT,
    abandon_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX sign_ins_client_id ON sign_ins (client_id);

  CREATE TABLE sign_ups (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    fields TEXT NOT NULL,
    password_digest TEXT,
    email_verification TEXT,
    created_user_id TEXT,
    created_session_id TEXT,
    abandon_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX sign_ups_client_id ON sign_ups (client_id);
  `,
  /*
   * 4: organizations in full: logos (uploaded images), who may delete them, invitations (with the ticket their link
   * carries), verified domains, and the application's invitations. The indexes serve the Backend API's lists, so
   * an organization's members, invitations or domains are read through an index, never a scan.
   */ `
  ALTER TABLE organizations ADD COLUMN admin_delete_enabled INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE organizations ADD COLUMN image_id TEXT;
  CREATE INDEX organizations_created_at ON organizations (created_at);
  CREATE INDEX organization_memberships_organization_created ON organization_memberships (organization_id, created_at);
  CREATE INDEX organization_memberships_created_at ON organization_memberships (created_at);

  CREATE TABLE uploaded_images (
    id TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at INTEGER NOT NULL
  );
  -- A logo lives as long as the organization shows it.
  CREATE TRIGGER organizations_logo_deleted AFTER DELETE ON organizations WHEN OLD.image_id IS NOT NULL
  BEGIN DELETE FROM uploaded_images WHERE id = OLD.image_id; END;
  CREATE TRIGGER organizations_logo_replaced AFTER UPDATE OF image_id ON organizations
  WHEN OLD.image_id IS NOT NULL AND OLD.image_id IS NOT NEW.image_id
  BEGIN DELETE FROM uploaded_images WHERE id = OLD.image_id; END;

  CREATE TABLE organization_domains (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    enrollment_mode TEXT NOT NULL,
    verification TEXT,
    affiliation_email_address TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (organization_id, name)
  );
  CREATE INDEX organization_domains_name ON organization_domains (name);
  CREATE INDEX organization_domains_created_at ON organization_domains (created_at);

  CREATE TABLE organization_invitations (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email_address TEXT NOT NULL,
    role TEXT NOT NULL,
    status TEXT NOT NULL,
    inviter_user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    domain_id TEXT,
    public_metadata TEXT NOT NULL DEFAULT '{}',
    private_metadata TEXT NOT NULL DEFAULT '{}',
    redirect_url TEXT,
    ticket TEXT NOT NULL UNIQUE,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX organization_invitations_organization_created ON organization_invitations (organization_id, created_at);
  CREATE INDEX organization_invitations_email_address ON organization_invitations (email_address);
  CREATE INDEX organization_invitations_created_at ON organization_invitations (created_at);

  CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    email_address TEXT NOT NULL,
    public_metadata TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL,
    redirect_url TEXT,
    ticket TEXT NOT NULL UNIQUE,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX invitations_created_at ON invitations (created_at);
  CREATE INDEX invitations_email_address ON invitations (email_address);
  `,
  /*
   * 5: the rest of the user model and the instance's Backend API objects (issue 25). Users can be banned, locked,
   * given a profile image (an uploaded image, as an organization's logo) and switched out of self-deletion or
   * creating organizations; identifiers carry their verification (null: verified by an administrator); a session may
   * be an impersonation (`actor`). Sign-in and actor tokens are tickets; allowlist and blocklist identifiers, redirect URLs, domains, waitlist entries and instance
   * settings are the instance's. `user_search` is a trigram index of what `query` matches (ids, names, usernames,
   * e-mail addresses, phone numbers), so a substring search reads the index rather than every user; its rows are
   * keyed by `user_search_docs.doc`, not by the users' rowids, which VACUUM may renumber.
   */ `
  ALTER TABLE users ADD COLUMN banned INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN locked_until INTEGER;
  ALTER TABLE users ADD COLUMN image_id TEXT;
  ALTER TABLE users ADD COLUMN delete_self_enabled INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE users ADD COLUMN create_organization_enabled INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE users ADD COLUMN create_organizations_limit INTEGER;
  CREATE INDEX users_updated_at ON users (updated_at);
  CREATE INDEX users_first_name ON users (first_name);
  CREATE INDEX users_last_name ON users (last_name);
  CREATE INDEX users_last_active_at ON users (last_active_at);
  CREATE INDEX users_last_sign_in_at ON users (last_sign_in_at);
  CREATE INDEX users_external_id ON users (external_id);
  CREATE INDEX users_banned ON users (banned) WHERE banned = 1;

  ALTER TABLE email_addresses ADD COLUMN verification TEXT;
  ALTER TABLE phone_numbers ADD COLUMN verification TEXT;

  ALTER TABLE sessions ADD COLUMN actor TEXT;
  CREATE INDEX sessions_user_id_created_at ON sessions (user_id, created_at);

  -- A profile image lives as long as the user shows it, as an organization's logo does.
  CREATE TRIGGER users_image_deleted AFTER DELETE ON users WHEN OLD.image_id IS NOT NULL
  BEGIN DELETE FROM uploaded_images WHERE id = OLD.image_id; END;
  CREATE TRIGGER users_image_replaced AFTER UPDATE OF image_id ON users
  WHEN OLD.image_id IS NOT NULL AND OLD.image_id IS NOT NEW.image_id
  BEGIN DELETE FROM uploaded_images WHERE id = OLD.image_id; END;

  CREATE TABLE tickets (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    actor TEXT,
    session_max_duration INTEGER,
    status TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX tickets_user_id ON tickets (user_id);

  CREATE TABLE access_identifiers (
    id TEXT PRIMARY KEY,
    list TEXT NOT NULL,
    identifier TEXT NOT NULL,
    identifier_type TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (list, identifier)
  );

  CREATE TABLE redirect_urls (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE domains (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    is_satellite INTEGER NOT NULL,
    proxy_url TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE waitlist_entries (
    id TEXT PRIMARY KEY,
    email_address TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX waitlist_entries_created_at ON waitlist_entries (created_at);

  CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE VIRTUAL TABLE user_search USING fts5 (text, tokenize = 'trigram');
  CREATE TABLE user_search_docs (
    doc INTEGER PRIMARY KEY,
    user_id TEXT NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE
  );
  INSERT INTO user_search_docs (doc, user_id) SELECT rowid, id FROM users;
  INSERT INTO user_search (rowid, text) SELECT d.doc, lower(u.id || ' ' || coalesce(u.username, '') || ' ' ||
    coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '') || ' ' || coalesce(u.external_id, '') || ' ' ||
    coalesce((SELECT group_concat(e.email_address, ' ') FROM email_addresses e WHERE e.user_id = u.id), '') || ' ' ||
    coalesce((SELECT group_concat(p.phone_number, ' ') FROM phone_numbers p WHERE p.user_id = u.id), ''))
    FROM user_search_docs d JOIN users u ON u.id = d.user_id;
  `,
  /*
   * 6: what keeps the Backend API's lists fast at 10 000 organizations. `organization_search` is a trigram index of
   * what the organization list's `query` matches (name and slug), as `user_search` is for users; triggers keep it
   * in step, because both live in the organization's own row (no second table to gather from, unlike a user's
   * identifiers). Its rows are keyed by `organization_search_docs.doc`, which VACUUM does not renumber.
   * `organizations_name` serves the list ordered by name (which sorts case-insensitively).
   */ `
  CREATE INDEX organizations_name ON organizations (lower(name));

  CREATE VIRTUAL TABLE organization_search USING fts5 (name, slug, tokenize = 'trigram');
  CREATE TABLE organization_search_docs (
    doc INTEGER PRIMARY KEY,
    organization_id TEXT NOT NULL UNIQUE
  );
  INSERT INTO organization_search_docs (organization_id) SELECT id FROM organizations ORDER BY rowid;
  INSERT INTO organization_search (rowid, name, slug) SELECT d.doc, lower(o.name), o.slug
    FROM organization_search_docs d JOIN organizations o ON o.id = d.organization_id;

  CREATE TRIGGER organizations_search_inserted AFTER INSERT ON organizations
  BEGIN
    INSERT INTO organization_search_docs (organization_id) VALUES (NEW.id);
    INSERT INTO organization_search (rowid, name, slug)
      SELECT doc, lower(NEW.name), NEW.slug FROM organization_search_docs WHERE organization_id = NEW.id;
  END;
  CREATE TRIGGER organizations_search_updated AFTER UPDATE OF name, slug ON organizations
  BEGIN
    DELETE FROM organization_search WHERE rowid = (SELECT doc FROM organization_search_docs WHERE organization_id = OLD.id);
    INSERT INTO organization_search (rowid, name, slug)
      SELECT doc, lower(NEW.name), NEW.slug FROM organization_search_docs WHERE organization_id = OLD.id;
  END;
  CREATE TRIGGER organizations_search_deleted AFTER DELETE ON organizations
  BEGIN
    DELETE FROM organization_search WHERE rowid = (SELECT doc FROM organization_search_docs WHERE organization_id = OLD.id);
    DELETE FROM organization_search_docs WHERE organization_id = OLD.id;
  END;
  `,
  /*
   * 7: machine authentication (issue 27): machines with their secret keys and the machines each may
   * mint M2M tokens for, the M2M tokens they minted (opaque ones with their token, which `min_remaining_ttl_seconds`
   * hands out again; JWT ones only as a record), API keys of users and organizations, OAuth access tokens minted for
   * tests. Every list of the Backend API reads through an index.
   */ `
  CREATE TABLE machines (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    default_token_ttl INTEGER NOT NULL,
    secret_key TEXT NOT NULL UNIQUE,
    previous_secret_key TEXT UNIQUE,
    previous_secret_key_expires_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX machines_created_at ON machines (created_at);

  CREATE TABLE machine_scopes (
    from_machine_id TEXT NOT NULL REFERENCES machines (id) ON DELETE CASCADE,
    to_machine_id TEXT NOT NULL REFERENCES machines (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (from_machine_id, to_machine_id)
  );
  CREATE INDEX machine_scopes_to ON machine_scopes (to_machine_id);

  CREATE TABLE m2m_tokens (
    id TEXT PRIMARY KEY,
    machine_id TEXT NOT NULL REFERENCES machines (id) ON DELETE CASCADE,
    token TEXT UNIQUE,
    format TEXT NOT NULL,
    scopes TEXT NOT NULL,
    claims TEXT,
    revoked INTEGER NOT NULL DEFAULT 0,
    revocation_reason TEXT,
    expiration INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX m2m_tokens_machine_created ON m2m_tokens (machine_id, created_at);

  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    subject TEXT NOT NULL,
    secret TEXT NOT NULL UNIQUE,
    description TEXT,
    scopes TEXT NOT NULL,
    claims TEXT,
    created_by TEXT,
    revoked INTEGER NOT NULL DEFAULT 0,
    revocation_reason TEXT,
    expiration INTEGER,
    last_used_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX api_keys_subject_created ON api_keys (subject, created_at);

  CREATE TABLE oauth_access_tokens (
    id TEXT PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    client_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scopes TEXT NOT NULL,
    audience TEXT,
    revoked INTEGER NOT NULL DEFAULT 0,
    revocation_reason TEXT,
    expiration INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
  /*
   * 8: the user list ordered by e-mail address or phone number walks an index, as every other order does (issue 25:
   * the order by the primary address, a subquery per user, read and sorted all 100 000 users of the scale benchmark
   * for every page). Each user's primary e-mail address and phone number are copied into the user's row and indexed;
   * the triggers keep the copy equal to the identifier that `primary_email_address_id` / `primary_phone_number_id`
   * names (when it is one of the user's own), whichever of the three rows changes: the identifier is added, changed
   * or removed, or another one is made primary. Addresses are stored lower-cased, so the copy sorts as they did.
   */ `
  ALTER TABLE users ADD COLUMN primary_email_address TEXT;
  ALTER TABLE users ADD COLUMN primary_phone_number TEXT;
  UPDATE users SET
    primary_email_address = (SELECT email_address FROM email_addresses e
      WHERE e.id = users.primary_email_address_id AND e.user_id = users.id),
    primary_phone_number = (SELECT phone_number FROM phone_numbers p
      WHERE p.id = users.primary_phone_number_id AND p.user_id = users.id)
    WHERE primary_email_address_id IS NOT NULL OR primary_phone_number_id IS NOT NULL;
  CREATE INDEX users_primary_email_address ON users (primary_email_address);
  CREATE INDEX users_primary_phone_number ON users (primary_phone_number);

  -- Another identifier made primary (or none). A user's other updates leave the copy as it is.
  CREATE TRIGGER users_primary_email_address_chosen AFTER UPDATE OF primary_email_address_id ON users
  WHEN OLD.primary_email_address_id IS NOT NEW.primary_email_address_id
  BEGIN
    UPDATE users SET primary_email_address = (SELECT email_address FROM email_addresses
      WHERE id = NEW.primary_email_address_id AND user_id = NEW.id) WHERE rowid = NEW.rowid;
  END;
  CREATE TRIGGER users_primary_phone_number_chosen AFTER UPDATE OF primary_phone_number_id ON users
  WHEN OLD.primary_phone_number_id IS NOT NEW.primary_phone_number_id
  BEGIN
    UPDATE users SET primary_phone_number = (SELECT phone_number FROM phone_numbers
      WHERE id = NEW.primary_phone_number_id AND user_id = NEW.id) WHERE rowid = NEW.rowid;
  END;
  -- The primary identifier added, changed or removed. A user's identifiers are inserted after the user's row (foreign
  -- keys are on), so an insert into users needs no trigger: it would cost every new user a statement journal.
  CREATE TRIGGER email_addresses_primary_inserted AFTER INSERT ON email_addresses
  BEGIN
    UPDATE users SET primary_email_address = NEW.email_address
      WHERE id = NEW.user_id AND primary_email_address_id = NEW.id;
  END;
  CREATE TRIGGER email_addresses_primary_updated AFTER UPDATE OF id, user_id, email_address ON email_addresses
  WHEN OLD.email_address IS NOT NEW.email_address OR OLD.user_id IS NOT NEW.user_id OR OLD.id IS NOT NEW.id
  BEGIN
    UPDATE users SET primary_email_address = NULL WHERE id = OLD.user_id AND primary_email_address_id = OLD.id;
    UPDATE users SET primary_email_address = NEW.email_address
      WHERE id = NEW.user_id AND primary_email_address_id = NEW.id;
  END;
  CREATE TRIGGER email_addresses_primary_deleted AFTER DELETE ON email_addresses
  BEGIN
    UPDATE users SET primary_email_address = NULL WHERE id = OLD.user_id AND primary_email_address_id = OLD.id;
  END;
  CREATE TRIGGER phone_numbers_primary_inserted AFTER INSERT ON phone_numbers
  BEGIN
    UPDATE users SET primary_phone_number = NEW.phone_number
      WHERE id = NEW.user_id AND primary_phone_number_id = NEW.id;
  END;
  CREATE TRIGGER phone_numbers_primary_updated AFTER UPDATE OF id, user_id, phone_number ON phone_numbers
  WHEN OLD.phone_number IS NOT NEW.phone_number OR OLD.user_id IS NOT NEW.user_id OR OLD.id IS NOT NEW.id
  BEGIN
    UPDATE users SET primary_phone_number = NULL WHERE id = OLD.user_id AND primary_phone_number_id = OLD.id;
    UPDATE users SET primary_phone_number = NEW.phone_number
      WHERE id = NEW.user_id AND primary_phone_number_id = NEW.id;
  END;
  CREATE TRIGGER phone_numbers_primary_deleted AFTER DELETE ON phone_numbers
  BEGIN
    UPDATE users SET primary_phone_number = NULL WHERE id = OLD.user_id AND primary_phone_number_id = OLD.id;
  END;
  `,
  /*
   * 9: the other list orders that read every row. The organization list ordered by `members_count` counted each
   * organization's memberships and sorted them all (15–22 ms a page in SQLite at the scale benchmark's 10 000
   * organizations): each organization now keeps its count, indexed, which triggers move as memberships come and go
   * (a deleted user's or organization's go too, by the cascade). The application's invitations get an index on
   * `expires_at`, their one order field without one.
   */ `
  ALTER TABLE organizations ADD COLUMN members_count INTEGER NOT NULL DEFAULT 0;
  UPDATE organizations SET members_count =
    (SELECT count(*) FROM organization_memberships m WHERE m.organization_id = organizations.id);
  CREATE INDEX organizations_members_count ON organizations (members_count);

  CREATE TRIGGER organization_memberships_counted AFTER INSERT ON organization_memberships
  BEGIN
    UPDATE organizations SET members_count = members_count + 1 WHERE id = NEW.organization_id;
  END;
  CREATE TRIGGER organization_memberships_uncounted AFTER DELETE ON organization_memberships
  BEGIN
    UPDATE organizations SET members_count = members_count - 1 WHERE id = OLD.organization_id;
  END;
  CREATE TRIGGER organization_memberships_moved AFTER UPDATE OF organization_id ON organization_memberships
  WHEN OLD.organization_id IS NOT NEW.organization_id
  BEGIN
    UPDATE organizations SET members_count = members_count - 1 WHERE id = OLD.organization_id;
    UPDATE organizations SET members_count = members_count + 1 WHERE id = NEW.organization_id;
  END;

  CREATE INDEX invitations_expires_at ON invitations (expires_at);
  `,
]
