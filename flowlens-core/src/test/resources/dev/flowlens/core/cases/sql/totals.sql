SELECT count(*) AS n, min(start) AS first, max("end") AS last FROM flows
