/** Paths of the catalog helper's screens that renderer/app/routes.ts `paths` does not list. */
export const catalogPaths = {
  newProduct: () => '/products/new',
  editProduct: (productId: string) => `/products/${encodeURIComponent(productId)}/edit`,
  importCsv: () => '/products/import',
  stores: () => '/admin/stores',
  devices: () => '/admin/devices',
} as const;
