// SHA-256 through OpenSSL's EVP interface, for the ledger's hash chain.
#include <openssl/evp.h>
#include <stdexcept>

#include "store/store_impl.hpp"

namespace commend::store {

std::string sha256_hex(std::string_view bytes) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), md, &size, EVP_sha256(), nullptr) != 1 || size != 32)
        throw std::runtime_error("OpenSSL could not compute a SHA-256 digest");
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex(64, '0');
    for (unsigned int i = 0; i < size; ++i) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 0x0F];
    }
    return hex;
}

} // namespace commend::store
