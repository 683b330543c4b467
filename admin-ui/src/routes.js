// Every page of the workspace: its hash path, who may open it, and its place in the menu.
// A page a role may not open is neither in that role's menu nor reachable by its address.
import { ProductsPage } from './pages/products.js';
import { lazyPage } from './lazy.js';

// every page but the first one loads when it is opened (lazy.js)
const ProductPage = lazyPage(() => import('./pages/product.js'), 'ProductPage');
const DiffPage = lazyPage(() => import('./pages/diff.js'), 'DiffPage');
const SimulationsPage = lazyPage(() => import('./pages/simulation.js'), 'SimulationsPage');
const SimulationPage = lazyPage(() => import('./pages/simulation.js'), 'SimulationPage');
const ReviewsPage = lazyPage(() => import('./pages/reviews.js'), 'ReviewsPage');
const EditorPage = lazyPage(() => import('./pages/editor.js'), 'EditorPage');
const ScenariosPage = lazyPage(() => import('./pages/scenarios.js'), 'ScenariosPage');
const TryPage = lazyPage(() => import('./pages/try.js'), 'TryPage');
const OffersPage = lazyPage(() => import('./pages/offers.js'), 'OffersPage');
const DecisionsPage = lazyPage(() => import('./pages/decisions.js'), 'DecisionsPage');
const DecisionPage = lazyPage(() => import('./pages/decision.js'), 'DecisionPage');
const ReplayPage = lazyPage(() => import('./pages/replays.js'), 'ReplayPage');
const ReplaysPage = lazyPage(() => import('./pages/replays.js'), 'ReplaysPage');
const AuditPage = lazyPage(() => import('./pages/audit.js'), 'AuditPage');
const AdminUsersPage = lazyPage(() => import('./pages/admin-users.js'), 'AdminUsersPage');
const AdminKeysPage = lazyPage(() => import('./pages/admin-keys.js'), 'AdminKeysPage');
const AdminRatesPage = lazyPage(() => import('./pages/admin-rates.js'), 'AdminRatesPage');
const BatchesPage = lazyPage(() => import('./pages/batches.js'), 'BatchesPage');
const ReratingsPage = lazyPage(() => import('./pages/reratings.js'), 'ReratingsPage');
const ReratingPage = lazyPage(() => import('./pages/reratings.js'), 'ReratingPage');

const PM = 'PRODUCT_MANAGER';
const APPROVER = 'APPROVER';
const AUDITOR = 'AUDITOR';
const ADMIN = 'ADMIN';
const OFFICER = 'CREDIT_OFFICER';

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
  { path: '/batches', page: BatchesPage, roles: [OFFICER], nav: 'nav.batches' },
  { path: '/products/:code/re-ratings', page: ReratingsPage, roles: [PM, APPROVER] },
  { path: '/products/:code/re-ratings/:id', page: ReratingPage, roles: [PM, APPROVER] },
];
