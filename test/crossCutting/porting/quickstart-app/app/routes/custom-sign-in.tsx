// Clerk's custom e-mail and password sign-in flow guide: useSignIn(), signIn.create({ identifier, password }), then
// setActive with the new session.
import { useSignIn } from '@clerk/remix'
import { useNavigate } from '@remix-run/react'
import { type FormEvent, useState } from 'react'

export default function CustomSignIn() {
  const { isLoaded, signIn, setActive } = useSignIn()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const navigate = useNavigate()

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (!isLoaded) return
    try {
      const attempt = await signIn.create({ identifier: email, password })
      if (attempt.status === 'complete') {
        await setActive({ session: attempt.createdSessionId })
        navigate('/')
      } else {
        setError(`Sign-in needs another step: ${attempt.status}`)
      }
    } catch (caught) {
      setError(JSON.stringify(caught, null, 2))
    }
  }

  return (
    <div>
      <h1>Sign in</h1>
      <form onSubmit={(event) => void handleSubmit(event)}>
        <label htmlFor="email">Email address</label>
        <input id="email" name="email" type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit">Sign in</button>
      </form>
      {error ? <pre data-testid="custom-sign-in-error">{error}</pre> : null}
    </div>
  )
}
