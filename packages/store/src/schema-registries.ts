/** Tables of the demo country's base registries (see @polis/registries). */
// biome-ignore lint/complexity/noBannedTypes: filled in by the registries migration
export type RegistryTables = {}
