"""The WareDesk domain: entities, the stock ledger and services. No Qt in here."""
