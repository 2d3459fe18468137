"""Operations the screens run through the background runner (`app.runner`), one module per
area. Each function builds an `Op` from keyword arguments; the op opens a session on the
database and calls the services in `models/`. Views never open a session themselves."""
