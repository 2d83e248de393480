export function App() {
  return <main>Leakscope</main>;
}
