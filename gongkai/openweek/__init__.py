"""政府开放周: events with capacity, registration, waiting list, check-in and feedback."""
