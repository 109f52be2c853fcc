// Every alert recorded for the job and date, by any attempt of the night.
MATCH (a:NightlyAlert {job: $job, date: $date})
RETURN a {.key, .ringId, .ringKind, .kind, .score, .size, .joined, .members, .reasons, .disposition, .mergedFrom, .splitFrom,
          .reAlert, .date} AS alert
