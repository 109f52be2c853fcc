// One user with the password hash (for sign-in).
MATCH (u:User {username: $username})
RETURN u {.username, .role, .passwordHash, .disabled, .createdAt} AS user
