"""Staff accounts: login lockout, password rules and expiry, idle sessions, two factors, and the
site's security headers (GB/T 22239-2019 8.1.4.1 身份鉴别, 8.1.4.2 访问控制)."""
