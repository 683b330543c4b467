// Every page of the workspace: its hash path, who may open it, and its place in the menu.
// A page a role may not open is neither in that role's menu nor reachable by its address.
import { ProductsPage } from './pages/products.js';
import { ProductPage } from './pages/product.js';
import { EditorPage } from './pages/editor.js';
import { ScenariosPage } from './pages/scenarios.js';
import { TryPage } from './pages/try.js';
import { OffersPage } from './pages/offers.js';

const PM = 'PRODUCT_MANAGER';
const APPROVER = 'APPROVER';
const AUDITOR = 'AUDITOR';

export const ROUTES = [
  { path: '/products', page: ProductsPage, roles: [PM, APPROVER, AUDITOR], nav: 'nav.products' },
  { path: '/products/:code', page: ProductPage, roles: [PM, APPROVER, AUDITOR] },
  { path: '/products/:code/versions/:version', page: EditorPage, roles: [PM, APPROVER, AUDITOR] },
  { path: '/products/:code/scenarios', page: ScenariosPage, roles: [PM, APPROVER, AUDITOR] },
  { path: '/try', page: TryPage, roles: [PM, APPROVER, AUDITOR], nav: 'nav.try' },
  { path: '/offers', page: OffersPage, roles: [PM, APPROVER, AUDITOR], nav: 'nav.offers' },
];
