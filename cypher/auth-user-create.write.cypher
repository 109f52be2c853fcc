// Creates a user unless the username is taken. `created` tells which: a retried transaction sees its own $createId.
MERGE (u:User {username: $username})
  ON CREATE SET u.role = $role, u.passwordHash = $passwordHash, u.createdAt = datetime(), u.disabled = false,
    u.createId = $createId
RETURN u.createId = $createId AS created
