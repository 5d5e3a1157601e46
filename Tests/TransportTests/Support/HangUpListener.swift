import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener on 127.0.0.1 that accepts each connection and either closes it at once or, with
/// `silent`, holds it open without a word (a stalled server), counting them.
final class HangUpListener {
    let port: Int
    private let descriptor: Int32
    private let count = Counter()

    init(silent: Bool = false) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0 && listen(fd, 16) == 0
            }
        }
        guard ready else {
            close(fd)
            throw TestSSHServer.Failure(description: "cannot listen on 127.0.0.1")
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let counter = count
        let thread = Thread {
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }  // the listener was shut down
                counter.increment()
                if !silent { close(client) }  // a silent one leaks the socket until the test ends
            }
        }
        thread.start()
    }

    var accepted: Int { count.value }

    func stop() {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
    }
}

/// A count shared between threads.
final class Counter: Sendable {
    private let state = Mutex(0)

    func increment() { state.withLock { $0 += 1 } }
    var value: Int { state.withLock { $0 } }
}
