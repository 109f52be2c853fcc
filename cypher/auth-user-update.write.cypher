// Changes a user's role and/or disabled flag (null leaves a field as it is).
MATCH (u:User {username: $username})
SET u.role = coalesce($role, u.role), u.disabled = coalesce($disabled, u.disabled), u.updatedAt = datetime()
RETURN u {.username, .role, .disabled, .createdAt} AS user
