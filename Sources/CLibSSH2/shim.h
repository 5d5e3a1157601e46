// libssh2's convenience entry points (libssh2_session_init, libssh2_sftp_open, ...) are C macros,
// which Swift cannot import. The static inline wrappers below give Swift the ones Crossdock calls.
#include <libssh2.h>
#include <libssh2_sftp.h>

static inline LIBSSH2_SESSION *clibssh2_session_init(void) {
    return libssh2_session_init_ex(NULL, NULL, NULL, NULL);
}
