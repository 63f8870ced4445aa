/** The two storage engines Polis runs on. */
export type Engine = 'sqlite' | 'postgres'
