export interface Loaders {}
