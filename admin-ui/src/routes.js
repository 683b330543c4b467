// Every page of the workspace: its hash path, who may open it, and its place in the menu.
// A page a role may not open is neither in that role's menu nor reachable by its address.
import { ProductsPage } from './pages/products.js';
import { ProductPage } from './pages/product.js';
import { DiffPage } from './pages/diff.js';
import { SimulationsPage, SimulationPage } from './pages/simulation.js';
import { ReviewsPage } from './pages/reviews.js';
import { EditorPage } from './pages/editor.js';
import { ScenariosPage } from './pages/scenarios.js';
import { TryPage } from './pages/try.js';
import { OffersPage } from './pages/offers.js';
import { DecisionsPage } from './pages/decisions.js';
import { DecisionPage } from './pages/decision.js';
import { ReplayPage, ReplaysPage } from './pages/replays.js';
import { AuditPage } from './pages/audit.js';
import { AdminUsersPage } from './pages/admin-users.js';
import { AdminKeysPage } from './pages/admin-keys.js';
import { AdminRatesPage } from './pages/admin-rates.js';

const PM = 'PRODUCT_MANAGER';
const APPROVER = 'APPROVER';
const AUDITOR = 'AUDITOR';
const ADMIN = 'ADMIN';

export const ROUTES = [
  { path: '/products', page: ProductsPage, roles: [PM, APPROVER, AUDITOR], nav: 'nav.products' },
  { path: '/products/:code', page: ProductPage, roles: [PM, APPROVER, AUDITOR] },
  { path: '/products/:code/diff', page: DiffPage, roles: [PM, APPROVER, AUDITOR] },
  { path: '/products/:code/versions/:version/simulations', page: SimulationsPage, roles: [PM, APPROVER, AUDITOR] },
  { path: '/simulations/:code/:version/:id', page: SimulationPage, roles: [PM, APPROVER, AUDITOR] },
  { path: '/reviews', page: ReviewsPage, roles: [APPROVER], nav: 'nav.reviews' },
  { path: '/products/:code/versions/:version', page: EditorPage, roles: [PM, APPROVER, AUDITOR] },
  { path: '/products/:code/scenarios', page: ScenariosPage, roles: [PM, APPROVER, AUDITOR] },
  { path: '/try', page: TryPage, roles: [PM, APPROVER, AUDITOR], nav: 'nav.try' },
  { path: '/offers', page: OffersPage, roles: [PM, APPROVER, AUDITOR], nav: 'nav.offers' },
  { path: '/decisions', page: DecisionsPage, roles: [AUDITOR], nav: 'nav.decisions' },
  { path: '/decisions/:id', page: DecisionPage, roles: [AUDITOR] },
  { path: '/replays', page: ReplaysPage, roles: [AUDITOR], nav: 'nav.replays' },
  { path: '/replays/:id', page: ReplayPage, roles: [AUDITOR] },
  { path: '/audit', page: AuditPage, roles: [AUDITOR], nav: 'nav.audit' },
  { path: '/admin/users', page: AdminUsersPage, roles: [ADMIN], nav: 'nav.adminUsers' },
  { path: '/admin/keys', page: AdminKeysPage, roles: [ADMIN], nav: 'nav.adminKeys' },
  { path: '/admin/rates', page: AdminRatesPage, roles: [ADMIN], nav: 'nav.adminRates' },
];
