// The reference for the capacity run: a broadcast server with the ws package, as small as its
// README's own example. Every message goes to every client, the sender included, like step 3's.
// It speaks the bench's lines on standard input and output (see ServerHost.java) and exits when its
// standard input ends, so the bench never leaves it running.
'use strict'
const readline = require('node:readline')
const { WebSocketServer } = require('ws')

const port = Number(process.argv[2])
const wss = new WebSocketServer({ host: '127.0.0.1', port })

wss.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    for (const client of wss.clients) {
      client.send(data, { binary: isBinary })
    }
  })
})

wss.on('listening', () => console.log('ready'))

const commands = readline.createInterface({ input: process.stdin })
commands.on('line', (line) => {
  if (line === 'memory') {
    // node --expose-gc gives global.gc: a full collection, as the Java servers get before they answer.
    global.gc()
    console.log(`memory heap=${process.memoryUsage().heapUsed}`)
  } else if (line === 'stats') {
    const { user, system } = process.cpuUsage()
    console.log(`stats cpu=${(user + system) * 1000} handled=-1`)
  }
})
commands.on('close', () => process.exit(0))
