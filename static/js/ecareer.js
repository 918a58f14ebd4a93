// ecareer's small JS glue. Loaded with `defer`; no inline scripts so the CSP stays strict.
"use strict";
