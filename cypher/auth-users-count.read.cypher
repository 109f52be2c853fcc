// How many users exist, and how many of them are enabled admins (the last one cannot be removed or demoted).
MATCH (u:User)
RETURN count(u) AS users, count(CASE WHEN u.role = $adminRole AND NOT u.disabled THEN 1 END) AS admins
