import { mount } from 'svelte';
import HubPage from './HubPage.svelte';
import '../styles.css';

// The Hub download page: a page of its own, because it is the one place EdgeFuse may contact
// another origin, and its security policy (src/lib/privacy/csp.ts, `hub`) says so; the app's
// page keeps `connect-src 'self'`. Both share this origin's Cache Storage, where downloads go.
mount(HubPage, { target: document.getElementById('app')! });
