// Does the database hold any accounts, and has detection ever run? (npm start decides what to do first.)
RETURN EXISTS { MATCH (:Account) } AS hasAccounts,
       EXISTS { MATCH (r:DetectionRun) WHERE r.finishedAt IS NOT NULL } AS hasRun
