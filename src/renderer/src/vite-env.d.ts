/// <reference types="vite/client" />
// Vite's module kinds (`?raw`, CSS) for every project that compiles the renderer (the tooling one too).
