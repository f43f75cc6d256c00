export default function Index() {
  return <h1>remix-clerk example</h1>
}
