# Bahasa Indonesia (Indonesian).

## Catalog metadata
meta-language-name = Bahasa Indonesia
meta-script = latin

## Shared values
date = {$day} {$month ->
    [1] Januari
    [2] Februari
    [3] Maret
    [4] April
    [5] Mei
    [6] Juni
    [7] Juli
    [8] Agustus
    [9] September
    [10] Oktober
    [11] November
   *[12] Desember
} {$year}
date-era = {$day} {$month ->
    [1] Januari
    [2] Februari
    [3] Maret
    [4] April
    [5] Mei
    [6] Juni
    [7] Juli
    [8] Agustus
    [9] September
    [10] Oktober
    [11] November
   *[12] Desember
} {$era ->
    [1] Meiji
    [2] Taishō
    [3] Shōwa
    [4] Heisei
   *[5] Reiwa
} {$year} ({$gyear})
sex-male = Laki-laki
sex-female = Perempuan
relationship-head = Kepala rumah tangga
relationship-spouse = Suami atau istri
relationship-child = Anak
relationship-child-in-law = Menantu
relationship-parent = Orang tua
relationship-grandparent = Kakek atau nenek
relationship-grandchild = Cucu
relationship-sibling = Saudara kandung
relationship-other-relative = Kerabat lain
relationship-cohabitant = Tinggal serumah (bukan kerabat)

## Field labels
field-name = Nama
field-name-kana = Nama dalam katakana
field-alias = Nama alias terdaftar
field-birth-date = Tanggal lahir
field-sex = Jenis kelamin
field-address = Alamat
field-previous-address = Alamat sebelumnya
field-relationship = Hubungan dengan kepala rumah tangga
field-householder = Kepala rumah tangga
field-individual-number = Nomor Individu
field-resident-code = Kode catatan penduduk
field-nationality = Kewarganegaraan atau wilayah
field-status-of-residence = Status izin tinggal
field-period-of-stay = Masa tinggal berakhir pada
field-became-resident = Menjadi penduduk pada
field-issuer = Pemerintah kota penerbit
field-issue-date = Tanggal terbit
field-application-id = ID formulir permohonan

## Individual Number notification
notice-title = Pemberitahuan Nomor Individu
notice-intro = Surat ini memberitahukan Nomor Individu (My Number) Anda. Nomor ini akan Anda gunakan seumur hidup.
notice-not-proof = Surat ini tidak membuktikan identitas Anda dan tidak membuktikan Nomor Individu Anda. Surat ini tidak dapat digunakan sebagai kartu identitas atau bukti nomor, dan perusahaan tidak boleh menerimanya.
notice-keep = Surat ini tidak akan diterbitkan ulang, jadi simpanlah baik-baik. Jika hilang, Anda dapat memastikan nomor Anda dengan salinan catatan penduduk yang mencantumkan nomor tersebut, atau dengan Kartu My Number.
notice-apply-heading = Cara mengajukan Kartu My Number
notice-apply-mail = Lewat pos: tempelkan foto wajah Anda pada formulir permohonan terlampir, tanda tangani, lalu kirim dengan amplop balasan.
notice-apply-online = Daring: pindai kode QR pada formulir permohonan dengan ponsel pintar, atau masukkan ID formulir 23 digit di situs permohonan, lalu unggah foto wajah Anda.
notice-apply-counter = Di loket: bawa surat ini dan formulir permohonan ke kantor kota, distrik, kota kecil, atau desa Anda.
notice-apply-free = Kartu pertama Anda gratis. Kami akan memberi tahu nanti kapan dan di mana kartu dapat diambil.

## Card application form
form-title = Formulir Permohonan Kartu My Number
form-photo = Foto (tinggi 4,5 cm × lebar 3,5 cm)
form-photo-rules = Gunakan foto yang diambil dalam 6 bulan terakhir: menghadap depan, tanpa topi, latar polos. Tulis nama dan tanggal lahir Anda di baliknya.
form-signature = Tanda tangan pemohon
form-application-date = Tanggal permohonan
form-online = Pindai dengan ponsel pintar untuk mengajukan secara daring
form-moved = Jika nama atau alamat Anda berubah, formulir ini tidak dapat digunakan lagi. Mintalah formulir baru di kantor pemerintah kota Anda.

## Pemberitahuan pengambilan kartu
issue-title = Pemberitahuan Pengambilan Kartu My Number
issue-intro = Kartu My Number Anda sudah jadi. Silakan datang sendiri ke loket dan ambil kartu sebelum tanggal di bawah ini.
field-pick-up-by = Ambil paling lambat
field-pick-up-place = Tempat pengambilan
field-card-expiry = Kartu berlaku sampai
field-card-serial = Nomor kartu
issue-counter = Loket kantor kota, distrik, kota kecil, atau desa Anda
issue-bring-heading = Yang perlu dibawa
issue-bring-notice = Pemberitahuan ini
issue-bring-identity = Bukti identitas: satu dokumen berfoto (SIM, paspor, kartu izin tinggal, dll.), atau dua dokumen tanpa foto (sertifikat kelayakan asuransi kesehatan, buku pensiun, kartu pelajar, kartu karyawan, dll.)
issue-bring-old-card = Jika ada: kartu pemberitahuan, kartu Daftar Penduduk Dasar, atau Kartu My Number yang Anda gunakan sekarang
issue-pins-heading = Tentukan PIN Anda sebelum datang
issue-pin-signature = Kata sandi sertifikat tanda tangan digital: 6 sampai 16 karakter huruf (A–Z) dan angka (0–9), dengan minimal satu huruf dan satu angka. Akan terkunci setelah 5 kali salah berturut-turut.
issue-pin-four = PIN sertifikat autentikasi pengguna, Daftar Penduduk Dasar, dan bantuan pengisian data kartu: masing-masing 4 angka. Ketiganya boleh sama. Masing-masing terkunci setelah 3 kali salah berturut-turut.
issue-no-pins = Kartu My Number dengan pengenalan wajah tidak memiliki PIN.
issue-proxy = Jika Anda tidak dapat datang karena sakit atau alasan serupa, hubungi kantor pemerintah daerah sebelum tanggal pengambilan.

## Pemberitahuan masa berlaku kartu
renewal-title = Pemberitahuan Masa Berlaku Kartu My Number
renewal-intro = Masa berlaku Kartu My Number Anda akan segera berakhir.
field-renewal-from = Dapat mengajukan perpanjangan mulai
renewal-how = Anda dapat mengajukan perpanjangan mulai 3 bulan sebelum masa berlaku berakhir. Gunakan formulir permohonan terlampir untuk mengajukan lewat pos, daring, di mesin foto, atau di loket. Perpanjangan tidak dipungut biaya.
renewal-return = Kembalikan kartu Anda yang sekarang saat mengambil kartu baru. Setelah masa berlaku berakhir, kartu dan sertifikat elektroniknya tidak dapat digunakan lagi.
cert-renewal-title = Pemberitahuan Masa Berlaku Sertifikat Elektronik
cert-renewal-intro = Masa berlaku sertifikat elektronik pada Kartu My Number Anda akan segera berakhir. Kartunya sendiri masih berlaku lebih lama.
field-signature-certificate-expiry = Sertifikat tanda tangan berlaku sampai
field-authentication-certificate-expiry = Sertifikat autentikasi pengguna berlaku sampai
cert-renewal-how = Mulai 3 bulan sebelum masa berlaku berakhir, Anda dapat memperbarui sertifikat di loket pemerintah kota tempat Anda tinggal. Bawalah Kartu My Number dan dokumen identitas. Anda akan memasukkan PIN di loket. Pembaruan tidak dipungut biaya.
cert-renewal-lapse = Setelah masa berlaku berakhir, sertifikat tidak dapat digunakan lagi untuk prosedur daring atau untuk mengambil surat keterangan di minimarket. Kartu tetap berlaku sebagai bukti identitas sampai masa berlakunya sendiri berakhir.

## Copy of resident record / certificate of recorded matters
record-title-copy = Salinan Catatan Penduduk
record-title-matters = Surat Keterangan Hal yang Tercatat dalam Catatan Penduduk
record-certify-copy = Dengan ini dinyatakan bahwa salinan ini sesuai dengan catatan penduduk aslinya.
record-certify-matters = Dengan ini dinyatakan bahwa hal-hal di atas tercatat dalam catatan penduduk.
record-members = Anggota rumah tangga
record-omitted = Hal yang tidak diminta tidak dicantumkan.
record-removed = Catatan penduduk ini telah dihapus (disimpan sebagai catatan lama).
record-verification-code = Kode verifikasi
record-verify-how = Untuk memastikan surat keterangan ini tidak diubah, pindai kode QR atau masukkan kode verifikasi di {$url}.

## Verification page
verify-title = Verifikasi surat keterangan
verify-genuine = Surat keterangan ini diterbitkan oleh sistem. Isinya sebagai berikut.
verify-unknown = Tidak ada surat keterangan dengan kode verifikasi ini. Dokumen ini mungkin palsu.
verify-file-genuine = Berkas ini sama persis seperti saat diterbitkan dan tidak diubah.
verify-file-altered = Berkas ini diubah setelah diterbitkan, atau tidak diterbitkan oleh sistem ini.

## Halaman publik (beranda dan pemeriksaan sertifikat)
public-site-name = My Number (Nomor Individu)
public-skip = Langsung ke isi
public-language = Bahasa
public-not-official = Situs ini menjalankan implementasi sumber terbuka dari sistem My Number. Ini bukan situs resmi pemerintah atau pemerintah kota.
public-home-link = Beranda
public-contents = Isi halaman ini
public-home-title = Apa itu My Number?
public-home-lead = My Number adalah nomor 12 digit yang diberikan kepada setiap orang yang memiliki catatan penduduk (jūminhyō) di Jepang, satu nomor untuk satu orang. Penduduk asing yang memiliki catatan penduduk juga mendapatkannya. Nomor ini dipakai dalam prosedur administrasi seperti jaminan sosial, pajak, dan penanggulangan bencana.
public-notice-title = Saat surat pemberitahuan tiba
public-notice-text = Setelah nomor Anda ditetapkan, "Surat Pemberitahuan Nomor Individu" dikirim lewat pos. Surat ini memberi tahu nomor Anda; surat ini bukan bukti nomor maupun bukti identitas. Simpan baik-baik. Formulir permohonan Kartu My Number disertakan bersamanya.
public-card-title = Kartu My Number
public-card-text = Kartu dengan foto Anda yang dapat dipakai sebagai bukti identitas. Dengan sertifikat elektronik di kartu, Anda dapat mengurus prosedur secara daring. Kartu pertama gratis.
public-apply-title = Cara mengajukan kartu
public-apply-text = Gunakan formulir permohonan untuk mengajukan lewat pos, komputer, ponsel pintar, atau mesin foto di kota. Sekitar satu bulan kemudian, pemberitahuan pengambilan kartu tiba. Bawa pemberitahuan itu dan dokumen identitas ke loket kantor kota untuk mengambil kartu. PIN ditetapkan saat pengambilan.
public-lost-title = Jika kartu hilang
public-lost-text = Segera telepon untuk menangguhkan kartu. Penangguhan dilayani 24 jam sehari, 365 hari setahun.
public-lost-phone = Saluran bebas pulsa My Number: 0120-95-0178 (pilihan 2 pada menu suara)
public-lost-phone-foreign = Dalam bahasa Inggris, Tionghoa, Korea, Spanyol, atau Portugis: 0120-0178-27
public-lost-next = Jika hilang di luar rumah, laporkan juga ke polisi dan simpan nomor tanda terimanya. Jika kartu ditemukan, penangguhan dicabut di loket kantor kota (tidak bisa lewat telepon). Jika tidak ditemukan, laporkan di loket dan ajukan kartu baru (biaya {$fee} yen).
public-verify-title = Periksa sertifikat
public-verify-text = Salinan catatan penduduk dan sertifikat lain yang diterbitkan kantor kota dapat diperiksa dengan kode verifikasi yang tercetak di dalamnya.
public-verify-link = Masukkan kode verifikasi
public-verify-lead = Masukkan kode verifikasi 16 karakter yang tercetak pada dokumen.
public-verify-hint = Contoh: K7QM-2XRT-9B4D-HW3P
public-verify-button = Periksa
public-staff-title = Untuk petugas
public-staff-desk = Loket (masuk petugas)
public-staff-api = Referensi API
dev-title = Untuk layanan: masuk dengan Kartu My Number, dan tanda tangan
dev-lead = Sistem ini adalah penyedia OpenID Connect. Layanan yang didaftarkan administrator dapat meminta penduduk masuk dengan Kartu My Number mereka dan menandatangani dokumen. Individual Number tidak dipakai untuk masuk maupun menandatangani.
dev-register-title = Pendaftaran
dev-register-text = Administrator mendaftarkan nomor badan hukum dan peran organisasi Anda, kunci publik Anda (P-256) dan URI pengalihan Anda. client_id adalah id organisasi Anda. Klien diautentikasi hanya dengan private_key_jwt (ES256): tidak ada rahasia bersama.
dev-endpoints-title = Endpoint lingkungan ini
dev-example-title = Contoh yang berfungsi
dev-example-text = Program Python ini (Authlib) memasukkan penduduk dengan PKCE dan nonce, memverifikasi token ID dengan JWKS, dan membaca item yang disetujui. Ganti client id, berkas kunci, dan URI pengalihan.
dev-sign-title = Tanda tangan
dev-sign-text = Organisasi yang terdaftar sebagai pemverifikasi tanda tangan memulai sign-transaction dengan token organisasinya dan SHA-256 dokumen, lalu mengirim penduduk untuk masuk dengan scope openid sign dan sign_transaction_id. Setelah itu, organisasi mengambil hasilnya sebagai JWE yang dienkripsi untuk kuncinya sendiri.
dev-home-link = Untuk layanan (masuk dengan kartu, dan tanda tangan)

## API errors (the public API answers in its reader's language; staff's are in locales/desk/)
api-error-body-too-large = Data yang dikirim terlalu besar.
api-error-conflict = Ada proses lain yang mengubah ini pada saat yang sama. Coba lagi.
api-error-document-not-genuine = Dokumen ini tidak sama seperti saat diterbitkan.
api-error-forbidden = Peran atau kota Anda tidak mengizinkan ini.
api-error-import-changed = Berkas yang sedang diimpor berubah sejak terakhir kali. Impor lagi dari awal.
api-error-imported-before = Berkas ini sudah pernah diimpor.
api-error-internal-error = Terjadi masalah. Coba lagi nanti; masalahnya sudah dicatat.
api-error-invalid-body = Kolom atau jenis data yang dikirim tidak benar.
api-error-invalid-input = Sebagian isian tidak benar: lihat pesan pada setiap kolom.
api-error-malformed-body = Data yang dikirim tidak dapat dibaca (periksa JSON-nya).
api-error-method-not-allowed = Jalur ini tidak menerima metode ini.
api-error-not-found = Tidak ditemukan apa pun di sini.
api-error-not-verified = Tidak dapat diverifikasi (tanda tangan atau sertifikatnya tidak sah).
api-error-number-not-current = Nomor Individu ini bukan yang berlaku sekarang (sudah diganti).
api-error-procedure-refused = Prosedur ini tidak dapat dilakukan pada keadaan catatan saat ini.
api-error-render-failed = Dokumen tidak dapat dibuat; masalahnya sudah dicatat.
api-error-too-many-failures = Terlalu banyak autentikasi yang gagal. Tunggu sebentar lalu coba lagi.
api-error-unauthenticated = Diperlukan token yang sah.
api-error-unavailable = Sementara tidak tersedia. Tunggu sebentar lalu coba lagi.
api-error-unsupported-media-type = Periksa jenis konten (Content-Type) yang dikirim.
api-error-wrong-pin = PIN salah: lihat sisa percobaan.
problem-verification-code-16-letters = Kode verifikasi terdiri atas 16 huruf dan angka, misalnya K7QM-2XRT-9B4D-HW3P.

# Log-in with the card (issue 12, docs/design/oidc.md).
login-title = Masuk dengan Kartu My Number
login-asks = { $client } meminta konfirmasi bahwa ini memang Anda.
login-items-heading = Yang diminta
login-no-items = Hanya konfirmasi bahwa ini Anda. Tidak ada informasi lain yang dikirim.
login-item-openid = Konfirmasi bahwa ini Anda
login-item-name = Nama
login-item-address = Alamat
login-item-birthdate = Tanggal lahir
login-item-gender = Jenis kelamin
login-item-sign = Tanda tangan dengan kartu (ditanyakan lagi setiap kali)
login-item-latest-four = Nama, alamat, tanggal lahir, dan jenis kelamin terbaru Anda, diberikan kepada organisasi ini setelah ada perubahan (selama satu tahun)
login-card-heading = Konfirmasi dengan kartu
login-card-text = Buka aplikasi autentikasi, biarkan aplikasi membaca kartu Anda, lalu masukkan PIN 4 digit sertifikat autentikasi pengguna. Pastikan aplikasi menampilkan nomor konfirmasi ini:
login-confirmation = Nomor konfirmasi
login-app-command = Dengan aplikasi mynumber di komputer, jalankan perintah di bawah. Dengan aplikasi di perangkat lain, pindai kode QR.
login-qr-label = Kode QR untuk aplikasi autentikasi
login-waiting = Menunggu kartu Anda. Setelah aplikasi menyatakan selesai, pilih Lanjutkan.
login-continue = Lanjutkan
login-consent-heading = Kirim informasi Anda?
login-consent-text = Kartu telah mengonfirmasi bahwa ini Anda. Jika Anda setuju, { $client } menerima informasi di atas.
login-agree = Setuju dan lanjutkan
login-decline = Jangan kirim
login-finished = Proses masuk ini sudah selesai. Anda dapat menutup halaman ini.
login-expired = Waktu proses masuk ini telah habis. Kembali ke layanan dan mulai lagi.
login-other-browser = Proses masuk ini dimulai di peramban lain. Lanjutkan di peramban tersebut.
login-not-found = Proses masuk ini tidak ditemukan. Kembali ke layanan dan mulai lagi.
login-bad-request = Permintaan dari layanan mengandung kesalahan sehingga proses masuk tidak dapat dimulai. Kembali ke layanan.
login-bad-client = Layanan ini tidak terdaftar, atau alamat kembalinya tidak sesuai pendaftaran, sehingga proses masuk tidak dapat dimulai.
login-failed = Proses masuk tidak dapat diproses. Silakan coba lagi nanti.
login-logged-out = Anda telah keluar. Sistem ini memeriksa kartu pada setiap proses masuk, jadi tidak ada sesi masuk yang tersisa.

## Prints on plain paper: the seal certificate, the back (scramble image) and its inquiry page
seal-certificate-title = Sertifikat Pendaftaran Stempel
seal-certificate-certify = Dengan ini disahkan bahwa cap di atas adalah stempel yang terdaftar.
field-seal-impression = Cap stempel
back-heading = Sisi belakang: isi sisi depan yang dienkripsi menjadi gambar
back-how = Pindai sisi ini dan unggah di {$url} untuk melihat sisi depan seperti saat diterbitkan, lalu bandingkan dengan sisi depan yang Anda pegang.
public-back-title = Periksa dengan gambar sisi belakang
public-back-lead = Unggah pindaian sisi belakang sertifikat yang dicetak di minimarket, maka sisi depan seperti saat diterbitkan akan ditampilkan. Bandingkan huruf demi huruf dengan sisi depan yang Anda pegang.
public-back-file = Pindaian sisi belakang
public-back-hint = PNG, JPEG, atau PDF. Pindai seluruh sisi belakang pada 300 dpi atau lebih.
public-back-submit = Baca
public-back-genuine = Sisi belakang ini diterbitkan oleh sistem ini. Isi sisi depan saat diterbitkan adalah sebagai berikut.
public-back-withheld = Tercetak (tidak ditampilkan di halaman ini)
public-back-person = Orang yang tercantum
problem-back-format = Unggah berkas PNG, JPEG, atau PDF.
problem-back-too-large = Berkas terlalu besar (maksimal {$max_mib} MiB dan 40 juta piksel). Pindai pada 300–600 dpi.
problem-back-no-image = PDF ini tidak berisi gambar pindaian. Unggah PDF dari pemindai atau berkas gambar.
problem-back-damaged = Berkas rusak dan tidak dapat dibaca sebagai gambar.
problem-back-no-symbols = Gambar sisi belakang tidak ditemukan. Pindai seluruh sisi belakang pada 300 dpi atau lebih.
problem-back-front-side = Ini pindaian sisi depan. Pindai sisi belakang.
problem-back-incomplete = Hanya sebagian sisi belakang yang terbaca ({$found} dari {$count} kode). Pindai seluruh sisi belakang dalam keadaan rata dan bersih.
problem-back-mixed = Pindaian berisi sisi belakang dua sertifikat atau lebih. Pindai satu per satu.
problem-back-tampered = Sisi belakang ini telah diubah atau tidak diterbitkan oleh sistem ini.

## Informasi Anda (portal, issue 14, docs/design/portal.md)
portal-title = Informasi Anda
portal-lead = Masuk dengan Kartu My Number untuk melihat catatan penduduk Anda, kartu Anda dan sertifikat elektroniknya, catatan pertukaran informasi Anda oleh instansi pemerintah, serta catatan petugas dan instansi yang menangani data Anda. Nomor Individu Anda tidak digunakan untuk masuk.
portal-login-button = Masuk dengan Kartu My Number
portal-login-asks = Untuk masuk ke "Informasi Anda" di sistem ini, kartu Anda mengonfirmasi bahwa ini memang Anda.
portal-logout = Keluar
portal-logged-out = Anda telah keluar.
portal-nav-label = Halaman informasi Anda
portal-nav-info = Informasi saya
portal-nav-exchanges = Riwayat pertukaran
portal-nav-access = Catatan akses
portal-session-ended = Waktu masuk Anda telah habis. Silakan masuk lagi.
portal-record-heading = Catatan penduduk
portal-household-heading = Rumah tangga
portal-cards-heading = Kartu My Number
portal-cards-none = Anda tidak memiliki Kartu My Number.
portal-card-status = Status
portal-card-active = Sedang digunakan
portal-card-produced = Siap diambil
portal-card-suspended = Ditangguhkan
portal-card-ended = Tidak digunakan lagi
portal-certificates-heading = Sertifikat elektronik
portal-certificates-none = Anda tidak memiliki sertifikat elektronik.
portal-certificate-signature = Sertifikat tanda tangan
portal-certificate-authentication = Sertifikat autentikasi pengguna
portal-certificate-good = Berlaku
portal-certificate-held = Ditahan sementara
portal-certificate-revoked = Dicabut
portal-valid-until = Berlaku sampai
portal-exchanges-lead = Ini adalah catatan pertukaran informasi Anda oleh instansi pemerintah melalui jaringan penyediaan informasi (sistem tempat instansi saling memberikan informasi). Mereka meminta dengan kode khusus untuk setiap instansi, bukan dengan Nomor Individu Anda.
portal-exchanges-none = Tidak ada catatan pertukaran.
portal-exchanges-hidden = Selain itu, ada { $count } catatan yang ditandai oleh instansi pemberi sebagai tidak untuk diungkapkan. Isinya tidak ditampilkan.
portal-col-when = Waktu
portal-col-requester = Instansi yang meminta
portal-col-provider = Instansi yang memberikan
portal-col-procedure = Prosedur
portal-col-item = Informasi
portal-col-outcome = Hasil
portal-outcome-provided = Diberikan
portal-outcome-not-found = Tidak ada informasi yang sesuai
portal-item-resident-household = Informasi catatan penduduk (rumah tangga)
portal-item-local-tax = Informasi pajak daerah
portal-item-child-allowance = Informasi tunjangan anak
portal-procedure-child-allowance = Pembayaran tunjangan anak
portal-procedure-national-health-insurance = Iuran Asuransi Kesehatan Nasional
portal-procedure-school-expense-aid = Bantuan biaya sekolah
portal-procedure-national-pension = Pembebasan iuran Pensiun Nasional
portal-procedure-self-disclosure = Informasi yang diberikan kepada Anda
portal-access-lead = Ini adalah catatan petugas dan instansi yang menangani data Anda, Nomor Individu Anda, dan kartu Anda. Catatan ini disimpan dalam buku besar yang tidak dapat diubah setelahnya.
portal-access-none = Tidak ada catatan.
portal-col-who = Siapa
portal-col-action = Apa
portal-col-purpose = Tujuan
portal-col-where = Dicatat oleh
portal-who-staff = Petugas
portal-who-agency = Instansi pemerintah
portal-who-relying-party = Badan usaha
portal-who-resident = Anda
portal-who-kiosk = Terminal di minimarket
portal-who-system = Sistem
portal-action-number-read = Melihat Nomor Individu Anda
portal-action-number-lookup = Mencari data Anda dengan Nomor Individu Anda
portal-action-record-read = Melihat catatan penduduk Anda
portal-action-agency-code-issued = Menerbitkan kode untuk Anda kepada instansi
portal-action-card-login-authenticated = Anda masuk dengan kartu Anda
portal-action-access-history-read = Anda melihat catatan akses Anda
portal-action-exchange-history-read = Anda melihat riwayat pertukaran Anda
portal-action-access-history-receipt = Anda menerima bukti catatan akses Anda
portal-action-portal-signed-in = Anda masuk ke Informasi Anda
portal-action-own-record-read = Anda melihat Informasi Anda
portal-action-portal-card-authenticated = Kartu Anda diperiksa untuk masuk ke Informasi Anda
portal-action-portal-signed-out = Anda keluar dari Informasi Anda
portal-action-card-applied = Menerima permohonan kartu Anda
portal-action-card-produced = Membuat kartu Anda
portal-action-card-handed-over = Menyerahkan kartu kepada Anda
portal-action-certificate-issued = Menerbitkan sertifikat elektronik
portal-action-import = Mendaftarkan catatan penduduk Anda
portal-action-other = Pemrosesan lain ({ $code })
portal-receipt-heading = Bukti catatan ini
portal-receipt-text = Anda dapat menerima catatan ini sebagai bukti yang ditandatangani dengan kunci buku besar sistem ini. Simpanlah, maka nanti Anda dapat memeriksa bahwa catatan tidak diubah.
portal-receipt-download = Unduh bukti
portal-check-heading = Periksa bukti yang Anda simpan
portal-check-text = Pilih berkas bukti yang pernah Anda terima: tanda tangannya akan diperiksa, begitu pula apakah catatannya masih sama.
portal-check-file = Berkas bukti
portal-check-button = Periksa
portal-check-intact = Bukti ini asli, dan semua { $count } catatan di dalamnya masih sama.
portal-check-altered = Bukti ini asli, tetapi { $count } bagian yang disebutkannya sekarang berbeda. Silakan hubungi pemerintah kota Anda.
portal-check-invalid = Berkas ini tidak dapat diperiksa sebagai bukti yang diterbitkan oleh sistem ini.
portal-suspend-heading = Jika kartu hilang
portal-suspend-text = Jika kartu Anda hilang, Anda dapat segera menangguhkannya di sini (kapan saja). Sertifikat elektroniknya juga tidak dapat digunakan lagi. Jika kartu ditemukan, mintalah agar penangguhan dicabut di loket pemerintah kota Anda.
portal-suspend-button = Tangguhkan kartu saya
portal-suspend-done = Kartu Anda telah ditangguhkan, dan sertifikat elektroniknya tidak dapat digunakan lagi. Jika kartu ditemukan, penangguhan dapat dicabut di loket pemerintah kota Anda.
portal-nav-data = Informasi instansi
portal-data-lead = Informasi tentang Anda yang dimiliki instansi pemerintah, diambil melalui jaringan penyediaan informasi dan ditampilkan di sini. Setiap pengambilan dicatat dalam riwayat pertukaran.
portal-data-none = Tidak ada informasi yang dapat diambil.
portal-data-from = Instansi yang memberikan
portal-field-relationship = Hubungan dengan kepala rumah tangga
portal-field-head-name = Nama kepala rumah tangga
portal-field-household-size = Jumlah anggota rumah tangga
portal-field-resident-since = Menjadi penduduk pada
portal-field-fiscal-year = Tahun pajak
portal-field-total-income = Total penghasilan (yen)
portal-field-taxable-income = Penghasilan kena pajak (yen)
portal-field-income-levy = Bagian pajak daerah berdasarkan penghasilan (yen)
portal-field-per-capita-levy = Bagian pajak daerah yang sama untuk setiap orang (yen)
portal-field-dependants = Jumlah tanggungan
portal-field-non-taxable = Tidak dikenai pajak
portal-field-status = Status pembayaran
portal-field-children = Jumlah anak yang dibayarkan
portal-field-monthly-amount = Jumlah per bulan (yen)
portal-field-since = Dibayarkan sejak
portal-value-yes = Ya
portal-value-no = Tidak
portal-value-paying = Sedang dibayarkan
portal-value-suspended = Dihentikan sementara
portal-value-ended = Berakhir
portal-nav-notices = Pemberitahuan
portal-notices-none = Anda tidak memiliki pemberitahuan.
portal-notices-unread = Anda memiliki { $count } pemberitahuan yang belum dibaca.
portal-notice-unread = Belum dibaca
portal-notice-card-expiry = Masa berlaku Kartu My Number Anda akan segera berakhir
portal-notice-card-expiry-text = Masa berlaku Kartu My Number Anda berakhir pada { $date }. Sekarang Anda sudah dapat memperbaruinya: silakan lakukan di loket pemerintah kota Anda.
portal-notice-certificate-expiry = Masa berlaku sertifikat elektronik Anda akan segera berakhir
portal-notice-certificate-expiry-text = Masa berlaku sertifikat elektronik Anda berakhir pada { $date }. Sekarang Anda sudah dapat memperbaruinya: silakan lakukan di loket pemerintah kota Anda.
portal-nav-consents = Persetujuan
portal-consents-lead = Ini adalah badan usaha yang Anda setujui, saat masuk dengan Kartu My Number, untuk menerima nama, alamat, tanggal lahir, dan jenis kelamin terbaru Anda setiap kali ada perubahan (selama satu tahun sejak persetujuan). Anda dapat menarik persetujuan kapan saja.
portal-consents-none = Anda belum menyetujui badan usaha mana pun untuk menerima informasi terbaru Anda.
portal-consent-to = Badan usaha yang disetujui
portal-consent-withdraw = Tarik persetujuan
portal-consent-withdrawn = Persetujuan Anda telah ditarik. Badan usaha ini tidak akan lagi menerima informasi terbaru Anda.
login-item-self-resident-household = Informasi catatan penduduk Anda (rumah tangga) yang dimiliki instansi, diambil oleh aplikasi (sampai Anda menariknya, paling lama 90 hari)
login-item-self-local-tax = Informasi pajak daerah Anda (penghasilan kena pajak, jumlah pajak) yang dimiliki instansi, diambil oleh aplikasi (sampai Anda menariknya, paling lama 90 hari)
login-item-self-child-allowance = Informasi tunjangan anak Anda yang dimiliki instansi, diambil oleh aplikasi (sampai Anda menariknya, paling lama 90 hari)
login-self-legend = Yang boleh diambil oleh { $client }
login-self-hint = Hapus centang pada informasi yang tidak ingin Anda berikan. Anda dapat menarik persetujuan kapan saja di halaman Persetujuan pada Informasi Anda.
portal-letters-heading = Bahasa surat untuk Anda
portal-letters-label = Bahasa surat
portal-letters-hint = Bahasa yang dicetak di samping bahasa Jepang pada surat yang dikirim pemerintah kota kepada Anda.
portal-letters-button = Ubah bahasa
portal-letters-set = Bahasa surat Anda telah disimpan. Mulai sekarang, surat juga ditulis dalam bahasa ini.
portal-apps-heading = Aplikasi yang boleh mengambil informasi Anda
portal-apps-lead = Ini adalah aplikasi yang Anda izinkan, saat masuk dengan kartu, untuk mengambil informasi tentang Anda yang dimiliki instansi (self-information API). Aplikasi hanya mengambil yang Anda izinkan, sampai tanggal yang ditampilkan. Anda dapat menarik izin kapan saja.
portal-apps-none = Anda belum mengizinkan aplikasi mana pun untuk mengambil informasi Anda.
portal-app = Aplikasi
portal-app-items = Informasi yang boleh diambil
portal-action-language-change = Mengubah bahasa surat Anda
portal-action-app-granted = Anda mengizinkan aplikasi mengambil informasi Anda
portal-action-self-information-read = Aplikasi mengambil informasi Anda
portal-action-app-grant-withdrawn = Anda menarik izin aplikasi untuk mengambil informasi Anda
portal-action-app-grants-ended = Izin aplikasi untuk mengambil informasi Anda berakhir bersama kartu Anda
