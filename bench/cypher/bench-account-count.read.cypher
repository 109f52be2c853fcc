// The number of accounts in the store (bench/detect-e2e.ts --reuse-store: is this the dataset?). Count store, no scan.
MATCH (a:Account) RETURN count(a) AS n
