"""政务舆情回应 (国办发〔2016〕61号): the incident register and the published responses."""
